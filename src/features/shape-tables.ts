// Marching-cubes and marching-squares tables in pyradiomics' corner and edge numbering, and the per-case
// constants that turn the kernel's case counts into mesh volume, surface area and perimeter.
//
// Cube corners (z, y, x): 0 (0,0,0) 1 (0,0,1) 2 (0,1,1) 3 (0,1,0) 4 (1,0,0) 5 (1,0,1) 6 (1,1,1) 7 (1,1,0).
// Edges (corner pairs): 0 0-1, 1 1-2, 2 2-3, 3 3-0, 4 4-5, 5 5-6, 6 6-7, 7 7-4, 8 0-4, 9 1-5, 10 2-6, 11 3-7.
// Only cases 0..127 exist: a cube with corner 7 inside uses its complement's triangles with the volume sign
// flipped, so ambiguous configurations triangulate exactly as in pyradiomics.

/** Doubled (z, y, x) offsets of each edge's midpoint inside a cube. */
export const CUBE_EDGE_POINTS: readonly (readonly [number, number, number])[] = [
  [0, 0, 1], [0, 1, 2], [0, 2, 1], [0, 1, 0], [2, 0, 1], [2, 1, 2],
  [2, 2, 1], [2, 1, 0], [1, 0, 0], [1, 0, 2], [1, 2, 2], [1, 2, 0],
];

/** Triangles per case: each hex digit is an edge, three digits a triangle (vertex order sets the normal). */
export const CUBE_TRIANGLES: readonly string[] = [
  '', '083', '190', '183198', '12a', '08312a', '92a029', '2832a8a98',
  'b23', 'b2008b', '190b23', 'b2119b98b', '3a1ba3', 'a1008a8ba', '9033b9ba9', '98aba8',
  '478', '043473', '190478', '194147173', '12a478', '34730412a', '92a902478', '2a9297273479',
  '478b23', 'b47b24204', '190478b23', '47b94bb29192', '3a1ba3478', 'ba114b10447b', '4789033b9ba9', '47b4b99ba',
  '954', '954083', '054015', '854835315', '12a954', '08312a954', '2a5542240', '2a5325354834',
  '954b23', 'b2008b954', '054015b23', '215258b28548', '3a1ba3954', '549a1008a8ba', '54050ba5bb03', '548a58ba8',
  '789579', '309539357', '780017715', '157173', '78957912a', '12a309395357', '0288258572a5', '2a5253357',
  '579789b23', '579972209b27', 'b23018178157', '21b17b157', '7895793a1ba3', '5705097b0a10ba0', 'ba003ba50078570', 'ba557b',
  '65a', '08365a', '19065a', '18319865a', '165126', '165126083', '965906026', '598582526832',
  'b2365a', 'b2008b65a', '190b2365a', 'b2119b98b65a', '63b653513', '08b0b50515b6', '63b036065059', '65969bb98',
  '47865a', '04347365a', '19047865a', '19414717365a', '478165126', '043473165126', '478965906026', '739479329596269',
  'b2347865a', 'b47b2420465a', '190b2347865a', '47b94bb2919265a', '47863b653513', '51b5b610b47b04b', '47863b036065059', '65969b4797b9',
  'a4964a', 'a4964a083', '01aa60640', '18316886461a', '149124264', '149124264083', '024426', '832824426',
  'b23a4964a', 'b2008ba4964a', 'b2301aa60640', '64161a148b2118b', '964369139b63', '18b081b61149641', '63b036640', '86468b',
  '67a78a89a', '67a0a709a073', '67a1a7178018', '67a1a7173', '126168189678', '269129679309739', '078706602', '273267',
  'b2367a78a89a', '207b2709767a9a7', '67a1a7178018b23', 'b2117ba61167', '896678169b63136', '09167b', '07870603bb60', '67b',
];

/** Square corners (row, col): p0 (0,0) p1 (0,1) p2 (1,1) p3 (1,0); edges 0 p0-p1, 1 p1-p2, 2 p2-p3, 3 p3-p0. */
export const SQUARE_EDGE_POINTS: readonly (readonly [number, number])[] = [[0, 1], [1, 2], [2, 1], [1, 0]];

/** Line segments per square case (two digits per segment, in pyradiomics' orientation). */
export const SQUARE_LINES: readonly string[] = [
  '', '30', '01', '31', '12', '1230', '02', '32', '23', '20', '0123', '21', '13', '10', '03', '',
];

export type Vec3 = [number, number, number];

function cubeTriangles(c: number): Vec3[][] {
  const s = CUBE_TRIANGLES[c];
  const out: Vec3[][] = [];
  for (let t = 0; t < s.length; t += 3) {
    out.push([0, 1, 2].map((k) => [...CUBE_EDGE_POINTS[parseInt(s[t + k], 16)]] as Vec3));
  }
  return out;
}

const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - b[1] * a[2], a[2] * b[0] - b[2] * a[0], a[0] * b[1] - b[0] * a[1]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * Integer constants of the signed volume: a triangle (a, b, c) in a cube at doubled origin O contributes
 * det(O+a, O+b, O+c) = det(a, b, c) + O·(b×c + c×a + a×b). Per case: the det sum and the vector sum.
 */
export interface CubeVolumeConstants {
  det: Float64Array;
  normal: Float64Array; // 3 per case, (z, y, x)
}

let volumeConstants: CubeVolumeConstants | undefined;
export function cubeVolumeConstants(): CubeVolumeConstants {
  if (volumeConstants) return volumeConstants;
  const det = new Float64Array(128);
  const normal = new Float64Array(384);
  for (let c = 0; c < 128; c++) {
    for (const [a, b, p] of cubeTriangles(c)) {
      det[c] += dot(cross(a, b), p);
      const n = [cross(b, p), cross(p, a), cross(a, b)];
      for (let d = 0; d < 3; d++) normal[3 * c + d] += n[0][d] + n[1][d] + n[2][d];
    }
  }
  return (volumeConstants = { det, normal });
}

/** Surface area of each case's triangles in mm² for spacing (sz, sy, sx): Σ ½|(a−c)×(b−c)|. */
export function cubeCaseAreas(sz: number, sy: number, sx: number): Float64Array {
  const area = new Float64Array(128);
  const scale = (p: Vec3): Vec3 => [p[0] * 0.5 * sz, p[1] * 0.5 * sy, p[2] * 0.5 * sx];
  for (let c = 0; c < 128; c++) {
    for (const tri of cubeTriangles(c)) {
      const [a, b, p] = tri.map(scale);
      const n = cross([a[0] - p[0], a[1] - p[1], a[2] - p[2]], [b[0] - p[0], b[1] - p[1], b[2] - p[2]]);
      area[c] += 0.5 * Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    }
  }
  return area;
}

function squareSegments(c: number): [[number, number], [number, number]][] {
  const s = SQUARE_LINES[c];
  const out: [[number, number], [number, number]][] = [];
  for (let t = 0; t < s.length; t += 2) {
    out.push([[...SQUARE_EDGE_POINTS[Number(s[t])]] as [number, number], [...SQUARE_EDGE_POINTS[Number(s[t + 1])]] as [number, number]]);
  }
  return out;
}

/**
 * Integer constants of the signed 2D area: a segment (a, b) in a square at doubled origin O contributes
 * cross(O+a, O+b) = cross(a, b) + O_r·(b_c − a_c) − O_c·(b_r − a_r).
 */
export function squareAreaConstants(): { cross: Float64Array; dRow: Float64Array; dCol: Float64Array } {
  const crossSum = new Float64Array(16), dRow = new Float64Array(16), dCol = new Float64Array(16);
  for (let c = 0; c < 16; c++) {
    for (const [a, b] of squareSegments(c)) {
      crossSum[c] += a[0] * b[1] - b[0] * a[1];
      dRow[c] += b[0] - a[0];
      dCol[c] += b[1] - a[1];
    }
  }
  return { cross: crossSum, dRow, dCol };
}

/** Perimeter of each square case's segments in mm for pixel spacing (row, col). */
export function squareCaseLengths(sRow: number, sCol: number): Float64Array {
  const length = new Float64Array(16);
  for (let c = 0; c < 16; c++) {
    for (const [a, b] of squareSegments(c)) {
      const dr = (a[0] - b[0]) * 0.5 * sRow, dc = (a[1] - b[1]) * 0.5 * sCol;
      length[c] += Math.sqrt(dr * dr + dc * dc);
    }
  }
  return length;
}
