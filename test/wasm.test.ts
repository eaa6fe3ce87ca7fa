import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { WasmArena, MemoryBudgetError } from '../src/wasm/arena.js';
import { VERSION } from '../src/version.js';

describe('wasm arena', () => {
  it('allocates aligned, zeroed memory and grows on demand', () => {
    const a = new WasmArena(undefined, 64 * 1024 * 1024);
    const p = a.alloc(3 * 1024 * 1024);
    expect(p % 64).toBe(0);
    const v = a.view(Float64Array, p, 1000);
    expect(v.every((x) => x === 0)).toBe(true);
    const m = a.mark();
    a.alloc(1000);
    a.release(m);
    expect(a.mark()).toBe(m);
  });
  it('refuses requests above the budget before growing memory', () => {
    const a = new WasmArena(undefined, 8 * 1024 * 1024);
    const before = a.wasm.memory.buffer.byteLength;
    expect(() => a.alloc(64 * 1024 * 1024, 'GLCM matrix')).toThrow(MemoryBudgetError);
    expect(() => a.alloc(64 * 1024 * 1024, 'GLCM matrix')).toThrow(/GLCM matrix needs 64 MiB, above the memory budget of 8 MiB/);
    expect(a.wasm.memory.buffer.byteLength).toBe(before);
  });
});

describe('package', () => {
  it('VERSION matches package.json', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  });
});
