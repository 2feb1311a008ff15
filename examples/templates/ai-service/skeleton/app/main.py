"""${{ values.name }}: answers questions with its inference endpoint through the OpenAI-compatible API.

Serves HTTP on :8080: GET /healthz, and POST /ask {"question": "..."} with the service's API token as
a bearer token. The token is the OpenBao secret the agent injector writes to API_TOKEN_FILE.
"""
import hmac
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from openai import OpenAI

client = OpenAI(
    base_url=os.environ.get("OPENAI_BASE_URL", "${{ values.openaiBaseUrl }}"),
    api_key=os.environ.get("OPENAI_API_KEY", "not-needed-inside-the-cluster"),
)
MODEL = os.environ.get("MODEL_NAME", "${{ values.modelName }}")
TOKEN_FILE = os.environ.get("API_TOKEN_FILE", "/vault/secrets/app")


def api_token() -> str:
    with open(TOKEN_FILE, encoding="utf-8") as f:
        return f.read().strip()


def answer(question: str) -> str:
    response = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": question}],
    )
    return response.choices[0].message.content or ""


class Handler(BaseHTTPRequestHandler):
    def _send(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path == "/healthz":
            self._send(200, {"status": "ok"})
        else:
            self._send(404, {"error": "not found"})

    def do_POST(self) -> None:
        if self.path != "/ask":
            self._send(404, {"error": "not found"})
            return
        given = self.headers.get("Authorization", "").removeprefix("Bearer ")
        if not hmac.compare_digest(given.encode(), api_token().encode()):
            self._send(401, {"error": "a valid bearer token is required"})
            return
        length = int(self.headers.get("Content-Length", "0"))
        try:
            question = json.loads(self.rfile.read(length) or b"{}")["question"]
        except (ValueError, KeyError):
            self._send(400, {"error": 'send {"question": "..."}'})
            return
        self._send(200, {"answer": answer(str(question))})


if __name__ == "__main__":
    ThreadingHTTPServer(("", 8080), Handler).serve_forever()
