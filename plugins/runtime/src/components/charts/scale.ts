/** The drawing box of a chart: its size and the inner padding reserved for axes. */
export interface ChartBox {
  width: number;
  height: number;
  padding?: { top: number; right: number; bottom: number; left: number };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The data extent of a series; a flat series gets a unit-high range so it draws mid-height. */
export function extent(points: Array<[number, number]>) {
  const xs = points.map(p => p[0]);
  const ys = points.map(p => p[1]).filter(Number.isFinite);
  const minY = Math.min(0, ...ys);
  let maxY = Math.max(...ys);
  if (!Number.isFinite(maxY)) maxY = 1;
  if (maxY === minY) maxY = minY + 1;
  return {
    minX: Math.min(...xs),
    maxX: Math.max(...xs),
    minY,
    maxY,
  };
}

/**
 * Maps `[x, y]` data points to SVG coordinates inside the box (y grows downwards), as a
 * `points` attribute of a polyline. Non-finite values are skipped.
 */
export function toPolyline(
  points: Array<[number, number]>,
  box: ChartBox,
): string {
  const finite = points.filter(
    p => Number.isFinite(p[0]) && Number.isFinite(p[1]),
  );
  if (finite.length === 0) return '';
  const pad = box.padding ?? { top: 1, right: 1, bottom: 1, left: 1 };
  const { minX, maxX, minY, maxY } = extent(finite);
  const innerW = box.width - pad.left - pad.right;
  const innerH = box.height - pad.top - pad.bottom;
  const spanX = maxX - minX || 1;
  return finite
    .map(([x, y]) => {
      const px =
        finite.length === 1
          ? pad.left + innerW / 2
          : pad.left + ((x - minX) / spanX) * innerW;
      const py = pad.top + innerH - ((y - minY) / (maxY - minY)) * innerH;
      return `${round(px)},${round(py)}`;
    })
    .join(' ');
}
