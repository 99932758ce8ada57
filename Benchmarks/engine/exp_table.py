#!/usr/bin/env python3
"""Prints the tables of ExpTable.swift (twoPowers, then scaleBits): the IEEE bits of 2^(j/128), j = 0…127, each rounded to
the nearest double from a 60-digit mpmath value, and checks that glibc's exp2 gives the same
doubles (ExpTableTests checks the Swift table against glibc's exp2 the same way).

Usage: python3 Benchmarks/engine/exp_table.py  (needs mpmath)"""
import ctypes
import struct

import mpmath as mp

mp.mp.dps = 60
N = 128


def bits(x):
    return struct.unpack('<Q', struct.pack('<d', x))[0]


rows = [bits(float(mp.power(2, mp.mpf(j) / N))) for j in range(N)]
libm = ctypes.CDLL('libm.so.6')
libm.exp2.restype = ctypes.c_double
libm.exp2.argtypes = [ctypes.c_double]
differ = [j for j in range(N) if bits(libm.exp2(j / N)) != rows[j]]
for i in range(0, N, 4):
    print('        ' + ', '.join('0x%016X' % b for b in rows[i:i + 4]) + ',')
print('// glibc exp2 differs at: %s' % (differ or 'none'))
print('// scaleBits: entry j less j * 2^45')
for i in range(0, N, 4):
    print('        ' + ', '.join('0x%016X' % (rows[j] - (j << 45)) for j in range(i, i + 4)) + ',')
