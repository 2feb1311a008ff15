/**
 * Walks a folder tree breadth-first with at most `concurrency` listings in flight, and gives every
 * leaf's full path (folder keys end in `/`), sorted. The first failed listing fails the walk.
 */
export function walkFolders(
  start: string,
  list: (folder: string) => Promise<string[]>,
  concurrency: number,
): Promise<string[]> {
  const limit = Math.max(1, concurrency);
  const leaves: string[] = [];
  const pending = [start];
  let active = 0;
  let failed = false;
  return new Promise((resolve, reject) => {
    function visit(folder: string) {
      active++;
      list(folder).then(
        keys => {
          active--;
          for (const key of keys) {
            if (key.endsWith('/')) pending.push(`${folder}${key}`);
            else leaves.push(`${folder}${key}`);
          }
          pump();
        },
        error => {
          failed = true;
          reject(error);
        },
      );
    }
    function pump() {
      if (failed) return;
      if (pending.length === 0 && active === 0) {
        resolve(leaves.sort());
        return;
      }
      while (active < limit && pending.length > 0) visit(pending.shift()!);
    }
    pump();
  });
}
