// Writes the .npy matrices the cases refer to, as numpy.save would (version 1.0, C order):
// node tests/data/matching/write_npy.mjs. Row i = the i-th mentee, column j = the j-th mentor,
// NaN = not allowed.
import { writeFileSync } from 'node:fs';

function npy(rows, cols, values) {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const data = Buffer.alloc(values.length * 8);
  values.forEach((v, k) => data.writeDoubleLE(v, k * 8));
  const len = Buffer.alloc(2);
  len.writeUInt16LE(header.length);
  return Buffer.concat([Buffer.from('\x93NUMPY\x01\x00', 'latin1'), len, Buffer.from(header, 'latin1'), data]);
}

// npy_matrix: 4 mentees x 3 mentors (M1, M2, M3).
writeFileSync(new URL('npy_matrix.npy', import.meta.url), npy(4, 3, [
  0.9, 0.85, NaN, // E1
  0.8, NaN, NaN, //  E2
  NaN, 0.4, 0.05, // E3
  NaN, NaN, NaN, //  E4: no allowed mentor
]));
