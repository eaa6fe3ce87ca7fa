// NIfTI orientation as ITK (and so SimpleITK/pyradiomics) reads it, in LPS. ITK 5.4 picks the sform when
// it is orthonormal and either the qform code is unknown, the sform code is SCANNER_ANAT, or both forms
// describe the same space; otherwise the qform; neither code set gives origin 0 and identity direction.
// Matrices are built in float32 like nifti_clib's mat44.
import type { Vec3 } from '../volume.js';
import { InputError } from './errors.js';

export interface NiftiForms {
  qformCode: number;
  sformCode: number;
  /** quatern_b, c, d */
  quatern: Vec3;
  qoffset: Vec3;
  /** pixdim[0] sign, +1 or -1 */
  qfac: number;
  /** pixdim[1..3] */
  pixdim: Vec3;
  /** srow_x, srow_y, srow_z (3x4, row-major) */
  srow: number[];
}

type Mat34 = number[][]; // 3 rows x 4 columns

const f32 = Math.fround;

/** The qform matrix (NIfTI-1 "method 2"): rotation from the unit quaternion, scaled by pixdim and qfac. */
export function qformMatrix(q: NiftiForms): Mat34 {
  let [b, c, d] = q.quatern;
  let a = 1 - (b * b + c * c + d * d);
  if (a < 1e-7) {
    // b,c,d on the unit sphere: renormalise them and use a = 0 (a 180-degree rotation)
    a = 1 / Math.sqrt(b * b + c * c + d * d);
    b *= a;
    c *= a;
    d *= a;
    a = 0;
  } else a = Math.sqrt(a);
  const xd = q.pixdim[0] > 0 ? q.pixdim[0] : 1;
  const yd = q.pixdim[1] > 0 ? q.pixdim[1] : 1;
  const zd = (q.pixdim[2] > 0 ? q.pixdim[2] : 1) * (q.qfac < 0 ? -1 : 1);
  return [
    [(a * a + b * b - c * c - d * d) * xd, 2 * (b * c - a * d) * yd, 2 * (b * d + a * c) * zd, q.qoffset[0]].map(f32),
    [2 * (b * c + a * d) * xd, (a * a + c * c - b * b - d * d) * yd, 2 * (c * d - a * b) * zd, q.qoffset[1]].map(f32),
    [2 * (b * d - a * c) * xd, 2 * (c * d + a * b) * yd, (a * a + d * d - c * c - b * b) * zd, q.qoffset[2]].map(f32),
  ];
}

function column(m: Mat34, c: number): Vec3 {
  return [m[0][c], m[1][c], m[2][c]];
}

function norm(v: readonly number[]): number {
  return Math.hypot(...v);
}

/** Columns normalised, then R·Rᵀ within 1e-4 of identity (ITK's test for a rotation without skew). */
function isOrthonormalAfterScaling(m: Mat34): boolean {
  const cols = [0, 1, 2].map((c) => column(m, c));
  if (cols.some((v) => !(norm(v) > 0) || v.some((x) => !Number.isFinite(x)))) return false;
  const unit = cols.map((v) => v.map((x) => x / norm(v)));
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      // (R Rᵀ)_ij over rows of R = sum over columns c of unit[c][i]*unit[c][j]
      let s = 0;
      for (let c = 0; c < 3; c++) s += unit[c][i] * unit[c][j];
      if (Math.abs(s - (i === j ? 1 : 0)) > 1e-4) return false;
    }
  }
  return true;
}

function elementwiseSimilar(s: Mat34, q: Mat34): boolean {
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) if (Math.abs(s[r][c] - q[r][c]) > 1e-5) return false;
  let t = 0;
  for (let r = 0; r < 3; r++) t += Math.abs(s[r][3] - q[r][3]);
  return t <= 1e-7;
}

/** Same spacing, same rotation and same offset within 1e-4 (ITK compares SVD factors; equivalent for rotation x scale). */
function sameSpace(s: Mat34, q: Mat34): boolean {
  for (let c = 0; c < 3; c++) {
    const sc = column(s, c), qc = column(q, c);
    const ns = norm(sc), nq = norm(qc);
    if (Math.abs(ns - nq) > 1e-4) return false;
    for (let r = 0; r < 3; r++) if (Math.abs(sc[r] / ns - qc[r] / nq) > 1e-4) return false;
  }
  for (let r = 0; r < 3; r++) if (Math.abs(s[r][3] - q[r][3]) > 1e-4) return false;
  return true;
}

/** Chooses the matrix ITK would use; returns null when neither form is set. */
export function chooseNiftiMatrix(name: string, f: NiftiForms): Mat34 | null {
  if (f.qformCode <= 0 && f.sformCode <= 0) return null;
  const q: Mat34 = f.qformCode > 0 ? qformMatrix(f) : [[f32(f.pixdim[0]), 0, 0, 0], [0, f32(f.pixdim[1]), 0, 0], [0, 0, f32(f.pixdim[2]), 0]];
  const s: Mat34 = f.sformCode > 0 ? [0, 1, 2].map((r) => f.srow.slice(r * 4, r * 4 + 4).map(f32)) : [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]];
  let preferSform = f.sformCode > 0 && elementwiseSimilar(s, q);
  if (f.sformCode > 0 && isOrthonormalAfterScaling(s)) {
    if (f.qformCode <= 0 || f.sformCode === 1) preferSform = true;
    else preferSform = sameSpace(s, q);
  }
  if (preferSform) return s;
  if (f.qformCode > 0) return q;
  throw new InputError(name, 'NIfTI sform is not orthonormal (shear or skew) and there is no qform: no valid orientation');
}

/** LPS origin and direction from the chosen matrix (RAS), as ITK converts them. */
export function niftiGeometry(name: string, f: NiftiForms): { origin: Vec3; direction: number[] } {
  const m = chooseNiftiMatrix(name, f);
  if (!m) return { origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const flip = [-1, -1, 1];
  const origin: Vec3 = [m[0][3] * flip[0] + 0, m[1][3] * flip[1] + 0, m[2][3] * flip[2] + 0]; // + 0: no -0
  const direction = new Array(9).fill(0);
  for (let c = 0; c < 3; c++) {
    const v = column(m, c).map((x, r) => x * flip[r]);
    const n = norm(v);
    if (!(n > 0)) throw new InputError(name, `NIfTI orientation matrix column ${c} has zero length`);
    for (let r = 0; r < 3; r++) direction[r * 3 + c] = v[r] / n + 0;
  }
  return { origin, direction };
}
