// Exact convex hulls of integer lattice points (doubled mesh-vertex coordinates). The farthest pair of a point
// set is a pair of hull vertices, so maximum diameters only need pairs on the hull. All predicates are
// integer products well below 2^53, hence exact: no tolerance, no robustness failures.

/** Largest doubled coordinate the hulls accept: keeps every orientation determinant exact in a double. */
export const MAX_HULL_COORDINATE = 1 << 15;

/**
 * Andrew's monotone chain over points already sorted by (u, v) ascending. Writes hull point indices
 * (counter-clockwise, collinear points dropped) into `out` and returns their number.
 */
export function hull2DSorted(u: Int32Array, v: Int32Array, n: number, out: Int32Array): number {
  if (n <= 2) {
    for (let i = 0; i < n; i++) out[i] = i;
    return n;
  }
  let k = 0;
  // Lower chain left to right, then upper chain right to left; pop while the last turn is not counter-clockwise.
  for (let i = 0; i < n; i++) {
    const ui = u[i], vi = v[i];
    while (k >= 2) {
      const o = out[k - 2], a = out[k - 1];
      if ((u[a] - u[o]) * (vi - v[o]) - (v[a] - v[o]) * (ui - u[o]) > 0) break;
      k--;
    }
    out[k++] = i;
  }
  for (let i = n - 2, lower = k + 1; i >= 0; i--) {
    const ui = u[i], vi = v[i];
    while (k >= lower) {
      const o = out[k - 2], a = out[k - 1];
      if ((u[a] - u[o]) * (vi - v[o]) - (v[a] - v[o]) * (ui - u[o]) > 0) break;
      k--;
    }
    out[k++] = i;
  }
  return k - 1; // the last point repeats the first
}

/**
 * Vertices of the 3D convex hull (quickhull with exact integer predicates). Returns indices into the
 * coordinate arrays: every extreme point is included; a few points on hull faces may be too.
 */
export function hullVertices3D(x: Int32Array, y: Int32Array, z: Int32Array): Int32Array {
  return new QuickHull(x, y, z).run();
}

class QuickHull {
  private readonly n: number;
  private cap = 0;
  private count = 0;
  private verts = new Int32Array(0); // 3 per face
  private nbrs = new Int32Array(0); // neighbour across edge k (k: a->b, b->c, c->a)
  private plane = new Float64Array(0); // nx, ny, nz, offset
  private alive = new Uint8Array(0);
  private head = new Int32Array(0); // first outside point, -1 if none
  private tested = new Int32Array(0);
  private visible = new Int32Array(0);
  private readonly next: Int32Array; // outside-set linked list
  private readonly byStart: Int32Array;
  private readonly byEnd: Int32Array;
  private seenBuffer: Int32Array = new Int32Array(64);
  private horizonBuffer: Int32Array = new Int32Array(192);

  constructor(private readonly x: Int32Array, private readonly y: Int32Array, private readonly z: Int32Array) {
    this.n = x.length;
    this.next = new Int32Array(this.n);
    this.byStart = new Int32Array(this.n);
    this.byEnd = new Int32Array(this.n);
    this.grow(64);
  }

  run(): Int32Array {
    const simplex = this.initialSimplex();
    if (simplex.length < 4) return Int32Array.from(simplex);
    const stack: number[] = [];
    for (let f = 0; f < 4; f++) if (this.head[f] >= 0) stack.push(f);
    let iteration = 0;
    while (stack.length) {
      const f = stack.pop()!;
      if (!this.alive[f] || this.head[f] < 0) continue;
      this.addPoint(f, ++iteration, stack);
    }
    const seen = new Uint8Array(this.n);
    const out: number[] = [];
    for (let f = 0; f < this.count; f++) {
      if (!this.alive[f]) continue;
      for (let k = 0; k < 3; k++) {
        const p = this.verts[3 * f + k];
        if (!seen[p]) {
          seen[p] = 1;
          out.push(p);
        }
      }
    }
    return Int32Array.from(out);
  }

  private orient(f: number, p: number): number {
    const q = 4 * f;
    return this.plane[q] * this.x[p] + this.plane[q + 1] * this.y[p] + this.plane[q + 2] * this.z[p] - this.plane[q + 3];
  }

  private grow(cap: number): void {
    const copy = <T extends Int32Array | Float64Array | Uint8Array>(a: T, size: number): T => {
      const b = new (a.constructor as any)(size) as T;
      b.set(a as any);
      return b;
    };
    this.verts = copy(this.verts, 3 * cap);
    this.nbrs = copy(this.nbrs, 3 * cap);
    this.plane = copy(this.plane, 4 * cap);
    this.alive = copy(this.alive, cap);
    this.head = copy(this.head, cap);
    this.tested = copy(this.tested, cap);
    this.visible = copy(this.visible, cap);
    this.cap = cap;
  }

  private newFace(a: number, b: number, c: number): number {
    if (this.count === this.cap) this.grow(this.cap * 2);
    const f = this.count++;
    const { x, y, z, verts, plane } = this;
    const ux = x[b] - x[a], uy = y[b] - y[a], uz = z[b] - z[a];
    const vx = x[c] - x[a], vy = y[c] - y[a], vz = z[c] - z[a];
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    verts[3 * f] = a;
    verts[3 * f + 1] = b;
    verts[3 * f + 2] = c;
    plane[4 * f] = nx;
    plane[4 * f + 1] = ny;
    plane[4 * f + 2] = nz;
    plane[4 * f + 3] = nx * x[a] + ny * y[a] + nz * z[a];
    this.alive[f] = 1;
    this.head[f] = -1;
    this.tested[f] = 0;
    this.visible[f] = 0;
    return f;
  }

  private attach(f: number, p: number): void {
    this.next[p] = this.head[f];
    this.head[f] = p;
  }

  // Tetrahedron from extreme points; fewer than 4 indices when the points are collinear or coplanar.
  private initialSimplex(): number[] {
    const { n, x, y, z } = this;
    if (n < 4) return Array.from({ length: n }, (_, i) => i);
    const extremes: number[] = [0, 0, 0, 0, 0, 0];
    for (let i = 1; i < n; i++) {
      if (x[i] < x[extremes[0]]) extremes[0] = i;
      if (x[i] > x[extremes[1]]) extremes[1] = i;
      if (y[i] < y[extremes[2]]) extremes[2] = i;
      if (y[i] > y[extremes[3]]) extremes[3] = i;
      if (z[i] < z[extremes[4]]) extremes[4] = i;
      if (z[i] > z[extremes[5]]) extremes[5] = i;
    }
    const dist2 = (a: number, b: number) => (x[a] - x[b]) ** 2 + (y[a] - y[b]) ** 2 + (z[a] - z[b]) ** 2;
    let i0 = extremes[0], i1 = extremes[1];
    for (const a of extremes) for (const b of extremes) if (dist2(a, b) > dist2(i0, i1)) [i0, i1] = [a, b];
    if (dist2(i0, i1) === 0) return [i0];
    let i2 = -1, best = 0;
    for (let i = 0; i < n; i++) {
      const ux = x[i1] - x[i0], uy = y[i1] - y[i0], uz = z[i1] - z[i0];
      const vx = x[i] - x[i0], vy = y[i] - y[i0], vz = z[i] - z[i0];
      const c2 = (uy * vz - uz * vy) ** 2 + (uz * vx - ux * vz) ** 2 + (ux * vy - uy * vx) ** 2;
      if (c2 > best) [best, i2] = [c2, i];
    }
    if (i2 < 0) return [i0, i1];
    const base = this.newFace(i0, i1, i2);
    let i3 = -1;
    best = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.abs(this.orient(base, i));
      if (d > best) [best, i3] = [d, i];
    }
    if (i3 < 0) {
      this.count = 0;
      return this.planarHull([this.plane[0], this.plane[1], this.plane[2]]);
    }
    this.count = 0;
    const tetra = [i0, i1, i2, i3];
    for (let skip = 3; skip >= 0; skip--) {
      const [a, b, c] = tetra.filter((_, k) => k !== skip);
      const f = this.newFace(a, b, c);
      if (this.orient(f, tetra[skip]) > 0) {
        this.count--;
        this.newFace(a, c, b);
      }
    }
    for (let f = 0; f < 4; f++) for (let k = 0; k < 3; k++) this.nbrs[3 * f + k] = this.faceWithEdge(this.edgeEnd(f, k), this.verts[3 * f + k], 4);
    for (let p = 0; p < n; p++) {
      if (tetra.includes(p)) continue;
      for (let f = 0; f < 4; f++) {
        if (this.orient(f, p) > 0) {
          this.attach(f, p);
          break;
        }
      }
    }
    return tetra;
  }

  private edgeEnd(f: number, k: number): number {
    return this.verts[3 * f + (k + 1) % 3];
  }

  // Face among the first `limit` whose edge runs a -> b.
  private faceWithEdge(a: number, b: number, limit: number): number {
    for (let g = 0; g < limit; g++) for (let k = 0; k < 3; k++) if (this.verts[3 * g + k] === a && this.edgeEnd(g, k) === b) return g;
    throw new Error('convex hull: inconsistent initial simplex');
  }

  // All points coplanar: 2D hull after dropping the axis of the plane normal's largest component
  // (that projection is one-to-one on the plane and keeps convexity).
  private planarHull(normal: [number, number, number]): number[] {
    const { n } = this;
    const a = normal.map(Math.abs);
    const drop = a[0] >= a[1] && a[0] >= a[2] ? 0 : a[1] >= a[2] ? 1 : 2;
    const [u, v] = [this.x, this.y, this.z].filter((_, k) => k !== drop);
    const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => u[p] - u[q] || v[p] - v[q]);
    const su = Int32Array.from(order, (i) => u[i]), sv = Int32Array.from(order, (i) => v[i]);
    const out = new Int32Array(n + 1);
    const h = hull2DSorted(su, sv, n, out);
    return Array.from(out.subarray(0, h), (k) => order[k]);
  }

  // Adds the farthest outside point of face f: removes the faces it sees and cones the horizon to it.
  private addPoint(f: number, iteration: number, stack: number[]): void {
    let eye = -1, far = 0;
    for (let p = this.head[f]; p >= 0; p = this.next[p]) {
      const d = this.orient(f, p);
      if (d > far) {
        far = d;
        eye = p;
      }
    }
    const { nbrs, verts, tested, visible } = this;
    let seen = this.seenBuffer, horizon = this.horizonBuffer;
    let seenCount = 1, horizonCount = 0;
    seen[0] = f;
    tested[f] = iteration;
    visible[f] = iteration;
    for (let i = 0; i < seenCount; i++) {
      const g = seen[i];
      for (let k = 0; k < 3; k++) {
        const h = nbrs[3 * g + k];
        if (tested[h] !== iteration) {
          tested[h] = iteration;
          if (this.orient(h, eye) > 0) {
            visible[h] = iteration;
            if (seenCount === seen.length) seen = this.seenBuffer = growInt32(seen);
            seen[seenCount++] = h;
          }
        }
        if (visible[h] !== iteration) {
          if (horizonCount + 3 > horizon.length) horizon = this.horizonBuffer = growInt32(horizon);
          horizon[horizonCount++] = verts[3 * g + k];
          horizon[horizonCount++] = verts[3 * g + (k === 2 ? 0 : k + 1)];
          horizon[horizonCount++] = h;
        }
      }
    }
    const first = this.count;
    for (let j = 0; j < horizonCount; j += 3) {
      const from = horizon[j], to = horizon[j + 1], beyond = horizon[j + 2];
      const nf = this.newFace(from, to, eye);
      const v = this.verts, nb = this.nbrs;
      nb[3 * nf] = beyond;
      for (let k = 0; k < 3; k++) if (v[3 * beyond + k] === to) nb[3 * beyond + k] = nf; // its edge to -> from
      this.byStart[from] = nf;
      this.byEnd[to] = nf;
    }
    const last = this.count;
    const v = this.verts, nb = this.nbrs;
    for (let nf = first; nf < last; nf++) {
      nb[3 * nf + 1] = this.byStart[v[3 * nf + 1]];
      nb[3 * nf + 2] = this.byEnd[v[3 * nf]];
    }
    for (let i = 0; i < seenCount; i++) {
      const g = seen[i];
      this.alive[g] = 0;
      for (let p = this.head[g], following = 0; p >= 0; p = following) {
        following = this.next[p];
        if (p === eye) continue;
        for (let nf = first; nf < last; nf++) {
          if (this.orient(nf, p) > 0) {
            this.attach(nf, p);
            break;
          }
        }
      }
    }
    for (let nf = first; nf < last; nf++) if (this.head[nf] >= 0) stack.push(nf);
  }
}

function growInt32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
