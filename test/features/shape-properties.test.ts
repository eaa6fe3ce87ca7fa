// Properties of the mesh and the diameters: the triangle table forms consistent patches, hull-based diameters
// equal an all-pairs search exactly, and volumes of digital spheres/ellipsoids approach the analytic values.
import { describe, expect, test } from 'vitest';
import { computeShape } from '../../src/features/shape.js';
import { computeShape2D } from '../../src/features/shape2d.js';
import { hull2DSorted, hullVertices3D } from '../../src/features/hull.js';
import { CUBE_EDGE_POINTS, CUBE_TRIANGLES } from '../../src/features/shape-tables.js';
import type { Vec3 } from '../../src/volume.js';
import { seededRandom } from '../../src/random.js';
import { allPairsDiameters, maskFrom } from './shape-inputs.js';

const DIAMETERS = ['Maximum2DDiameterSlice', 'Maximum2DDiameterColumn', 'Maximum2DDiameterRow', 'Maximum3DDiameter'];
const CORNERS: Vec3[] = [[0, 0, 0], [0, 0, 1], [0, 1, 1], [0, 1, 0], [1, 0, 0], [1, 0, 1], [1, 1, 1], [1, 1, 0]];
const EDGE_CORNERS = [[0, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 7], [7, 4], [0, 4], [1, 5], [2, 6], [3, 7]];

describe('marching-cubes table', () => {
  test('edge midpoints match the corner numbering', () => {
    EDGE_CORNERS.forEach(([a, b], e) => expect(CUBE_EDGE_POINTS[e]).toEqual([0, 1, 2].map((d) => CORNERS[a][d] + CORNERS[b][d])));
  });

  test.each(Array.from({ length: 127 }, (_, i) => i + 1))('case %i: triangles use exactly the crossing edges and close up inside the cube', (c) => {
    const crossing = EDGE_CORNERS.map(([a, b]) => ((c >> a) & 1) !== ((c >> b) & 1));
    const tris = CUBE_TRIANGLES[c].match(/.../g)!.map((t) => [...t].map((h) => parseInt(h, 16)));
    expect(new Set(tris.flat())).toEqual(new Set(crossing.flatMap((x, e) => (x ? [e] : []))));
    // A segment between two midpoints on one cube face is a patch boundary (used once); any other segment is
    // shared by two triangles running it in opposite directions (consistent orientation).
    const onOneFace = (e: number, f: number) => [0, 1, 2].some((d) => [0, 2].includes(CUBE_EDGE_POINTS[e][d]) && CUBE_EDGE_POINTS[e][d] === CUBE_EDGE_POINTS[f][d]);
    const directed = new Map<string, number>();
    for (const [a, b, p] of tris) for (const [u, v] of [[a, b], [b, p], [p, a]]) directed.set(`${u},${v}`, (directed.get(`${u},${v}`) ?? 0) + 1);
    for (const [key, n] of directed) {
      const [u, v] = key.split(',').map(Number);
      expect(n).toBe(1);
      if (!onOneFace(u, v)) expect(directed.get(`${v},${u}`), `interior segment ${key}`).toBe(1);
    }
  });
});

describe('diameters equal an all-pairs search over mesh vertices', () => {
  const random = seededRandom(20240607);
  const spacings: Vec3[] = [[1, 1, 1], [0.7812499999999999, 0.7812499999999999, 6.499999999999998], [0.664062, 0.664062, 2.1], [1.3, 0.45, 0.9]];
  const cases = Array.from({ length: 40 }, (_, k) => {
    const size: Vec3 = [2 + Math.floor(random() * 11), 2 + Math.floor(random() * 11), 1 + Math.floor(random() * 9)];
    const density = 0.15 + 0.8 * random();
    const blob = k % 2 === 0; // half random speckle, half a noisy ellipsoid
    const centre = size.map((n) => (n - 1) / 2);
    return [k, size, spacings[k % spacings.length], density, blob, centre] as const;
  });

  test.each(cases)('random mask %i', (_k, size, spacing, density, blob, centre) => {
    const roi = maskFrom(size, spacing, (x, y, z) => {
      if (!blob) return random() < density;
      const r = ((x - centre[0]) / (size[0] / 2)) ** 2 + ((y - centre[1]) / (size[1] / 2)) ** 2 + ((z - centre[2]) / (size[2] / 2 + 0.5)) ** 2;
      return r < 1 && random() < 0.5 + density / 2;
    });
    if (roi.voxelCount === 0) return;
    const got = computeShape(roi, DIAMETERS);
    const expected = allPairsDiameters(roi);
    DIAMETERS.forEach((name, k) => expect(got[name], name).toBe(expected[k]));
  });

  test('a single slice (2D shape diameter equals the 3D slice diameter)', () => {
    const roi = maskFrom([13, 11, 1], [0.8, 0.6, 3], (x, y) => (x - 6) ** 2 / 30 + (y - 5) ** 2 / 20 < 1 && (x + y) % 5 !== 0);
    const expected = allPairsDiameters(roi);
    expect(computeShape(roi, ['Maximum2DDiameterSlice']).Maximum2DDiameterSlice).toBe(expected[0]);
    expect(computeShape2D(roi, ['MaximumDiameter'], 0).MaximumDiameter).toBe(expected[0]);
  });
});

describe('convex hulls', () => {
  const random = seededRandom(7);
  // Every direction's maximum of u·p over all points must be reached by a reported hull vertex.
  function expectSupports(x: Int32Array, y: Int32Array, z: Int32Array, hull: Int32Array): void {
    for (let t = 0; t < 200; t++) {
      const u = [random() - 0.5, random() - 0.5, random() - 0.5];
      const dot = (i: number) => u[0] * x[i] + u[1] * y[i] + u[2] * z[i];
      let best = -Infinity;
      for (let i = 0; i < x.length; i++) best = Math.max(best, dot(i));
      expect(Math.max(...Array.from(hull, dot))).toBe(best);
    }
  }

  test.each([
    ['random cloud', 400, () => [random() * 40, random() * 40, random() * 40]],
    ['points on a sphere', 300, () => { const t = random() * 6.3, p = Math.acos(2 * random() - 1); return [50 * Math.sin(p) * Math.cos(t), 50 * Math.sin(p) * Math.sin(t), 50 * Math.cos(p)]; }],
    ['coplanar points', 200, () => { const a = random() * 30, b = random() * 30; return [a, b, 2 * a - b]; }],
    ['collinear points', 50, () => { const a = random() * 30; return [a, 2 * a, 3 * a]; }],
    ['a few repeated points', 60, () => [Math.floor(random() * 2), Math.floor(random() * 2), Math.floor(random() * 2)]],
  ])('%s', (_name, n, point) => {
    const pts = Array.from({ length: n as number }, () => (point as () => number[])().map(Math.round));
    const [x, y, z] = [0, 1, 2].map((d) => Int32Array.from(pts, (p) => p[d]));
    expectSupports(x, y, z, hullVertices3D(x, y, z));
  });

  test('monotone chain drops collinear points', () => {
    const u = Int32Array.of(0, 0, 0, 1, 1, 2, 2, 2), v = Int32Array.of(0, 1, 2, 0, 2, 0, 1, 2); // a 3x3 square without its centre
    const out = new Int32Array(9);
    const h = hull2DSorted(u, v, u.length, out);
    expect(Array.from(out.subarray(0, h), (i) => `${u[i]},${v[i]}`).sort()).toEqual(['0,0', '0,2', '2,0', '2,2']);
  });
});

describe('volumes against analytic values', () => {
  test('a single voxel is an octahedron (volume 1/6, area √3 in voxel units)', () => {
    const got = computeShape(maskFrom([1, 1, 1], [1, 1, 1], () => true), ['MeshVolume', 'SurfaceArea', 'VoxelVolume', 'Maximum3DDiameter']);
    expect(got.MeshVolume).toBeCloseTo(1 / 6, 14);
    expect(got.SurfaceArea).toBeCloseTo(Math.sqrt(3), 14);
    expect(got.VoxelVolume).toBe(1);
    expect(got.Maximum3DDiameter).toBe(1);
  });

  test.each([[20, 0.006], [30, 0.002]])('a voxelised sphere of radius %i', (radius, tolerance) => {
    const n = 2 * radius + 3, c = (n - 1) / 2;
    const roi = maskFrom([n, n, n], [1, 1, 1], (x, y, z) => (x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 <= radius * radius);
    const got = computeShape(roi, ['MeshVolume', 'MajorAxisLength', 'Maximum3DDiameter']);
    expect(Math.abs(got.MeshVolume / ((4 / 3) * Math.PI * radius ** 3) - 1)).toBeLessThan(tolerance);
    expect(Math.abs(got.MajorAxisLength / ((4 * radius) / Math.sqrt(5)) - 1)).toBeLessThan(0.002); // solid sphere: λ = R²/5
    expect(got.Maximum3DDiameter).toBeGreaterThanOrEqual(2 * radius);
    expect(got.Maximum3DDiameter).toBeLessThanOrEqual(2 * radius + 1);
  });

  test('a rotated ellipsoid on an anisotropic grid', () => {
    const [a, b, c] = [22, 15, 9];
    const spacing: Vec3 = [0.8, 0.9, 1.7];
    const [t, p] = [0.6, 0.4]; // rotation about z by t, then about x by p
    const rotate = (q: number[]) => {
      const r1 = [Math.cos(t) * q[0] + Math.sin(t) * q[1], -Math.sin(t) * q[0] + Math.cos(t) * q[1], q[2]];
      return [r1[0], Math.cos(p) * r1[1] + Math.sin(p) * r1[2], -Math.sin(p) * r1[1] + Math.cos(p) * r1[2]];
    };
    const size: Vec3 = [Math.ceil(60 / spacing[0]), Math.ceil(60 / spacing[1]), Math.ceil(60 / spacing[2])];
    const roi = maskFrom(size, spacing, (x, y, z) => {
      const q = rotate([(x - size[0] / 2) * spacing[0], (y - size[1] / 2) * spacing[1], (z - size[2] / 2) * spacing[2]]);
      return (q[0] / a) ** 2 + (q[1] / b) ** 2 + (q[2] / c) ** 2 <= 1;
    });
    const got = computeShape(roi, ['MeshVolume', 'MajorAxisLength', 'MinorAxisLength', 'LeastAxisLength']);
    expect(Math.abs(got.MeshVolume / ((4 / 3) * Math.PI * a * b * c) - 1)).toBeLessThan(0.012);
    [[got.MajorAxisLength, a], [got.MinorAxisLength, b], [got.LeastAxisLength, c]].forEach(([axis, r]) => expect(Math.abs(axis / ((4 * r) / Math.sqrt(5)) - 1)).toBeLessThan(0.01));
  });
});
