"""${{ values.name }}: calls its inference endpoint through the OpenAI-compatible API."""
import os

from openai import OpenAI

client = OpenAI(
    base_url=os.environ.get("OPENAI_BASE_URL", "${{ values.openaiBaseUrl }}"),
    api_key=os.environ.get("OPENAI_API_KEY", "not-needed-inside-the-cluster"),
)


def answer(question: str) -> str:
    response = client.chat.completions.create(
        model="${{ values.modelName }}",
        messages=[{"role": "user", "content": question}],
    )
    return response.choices[0].message.content or ""


if __name__ == "__main__":
    print(answer("Say hello in one short sentence."))
