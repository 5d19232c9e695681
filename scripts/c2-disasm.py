#!/usr/bin/env python3
"""Disassembles a method that C2 compiled, from a JVM's -XX:CompileCommand=print output.

Without the hsdis plugin (not shipped with Temurin), HotSpot prints a compiled method's machine
code as raw bytes. This script puts those bytes back together and runs objdump (binutils) on them,
keeping HotSpot's comments (oop and metadata constants, calls, safepoint polls, implicit null
checks) next to the instructions they annotate. Use it to read what the JIT made of
a lookup loop: type guards, range checks, spills, unrolling.

Example (the loop of the long vector benchmark, Arbor at 10^3 elements):

    $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -jar benchmarks/target/benchmarks.jar \\
        -f 1 -wi 3 -w 1s -i 1 -r 1s -p size=1000 -p lib=arbor \\
        -jvmArgsAppend '-XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,*LongVectorLibs$Arbor::get' \\
        'collections.LongVectorBenchmark.get' > print.txt
    python3 scripts/c2-disasm.py print.txt 'Arbor::get ('

The second argument is a substring of the "Compiled method (c2)" line; --nth picks a later
match (an OSR compilation and a normal one often both exist). The output lists every instruction,
the out-of-line stubs (uncommon traps and their spills) included: the hot loop is usually the
code before the first "ret".
"""
import argparse
import re
import subprocess
import sys
import tempfile

CODE_LINE = re.compile(r'\s+0x([0-9a-f]+): (.*)')
HEX_BYTE = re.compile(r'[0-9a-f]+')


def machine_code(lines, start_line):
    """The bytes of the [MachCode] section after start_line, its first address, and comments by address."""
    j = start_line
    while j < len(lines) and '[MachCode]' not in lines[j]:
        j += 1
    j += 1
    first = None
    code = bytearray()
    comments = {}
    while j < len(lines) and '[/MachCode]' not in lines[j] and not lines[j].startswith('Compiled method'):
        m = CODE_LINE.match(lines[j])
        j += 1
        if not m:
            continue
        address, rest = int(m.group(1), 16), m.group(2)
        if rest.startswith(';'):
            comments.setdefault(address, []).append(rest.strip())
            continue
        words = rest.replace('|', '').split()
        if not words or not all(HEX_BYTE.fullmatch(w) for w in words):
            continue
        if first is None:
            first = address
        offset = address - first
        if len(code) < offset:
            code += b'\x90' * (offset - len(code))
        chunk = bytes.fromhex(''.join(words))
        code[offset:offset + len(chunk)] = chunk
    return first, bytes(code), comments


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('print_output', help='a file holding the JVM output of -XX:CompileCommand=print')
    parser.add_argument('method', help='a substring of the "Compiled method (c2)" line, e.g. "Arbor::get ("')
    parser.add_argument('--nth', type=int, default=0, help='which matching compilation (default: the first)')
    args = parser.parse_args()

    with open(args.print_output, errors='replace') as f:
        lines = f.read().split('\n')
    starts = [i for i, line in enumerate(lines) if line.startswith('Compiled method (c2)') and args.method in line]
    if len(starts) <= args.nth:
        sys.exit(f'{len(starts)} C2 compilation(s) match {args.method!r}; '
                 'was the method compiled at tier 4 before the JVM exited?')
    print(lines[starts[args.nth]])
    first, code, comments = machine_code(lines, starts[args.nth])
    if first is None:
        sys.exit('no machine code found after that line')
    with tempfile.NamedTemporaryFile(suffix='.bin') as binary:
        binary.write(code)
        binary.flush()
        listing = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', f'--adjust-vma={first:#x}', binary.name],
                                 capture_output=True, text=True, check=True).stdout
    for line in listing.split('\n'):
        m = re.match(r'\s*([0-9a-f]+):', line)
        if m:
            for comment in comments.get(int(m.group(1), 16), []):
                print('        ' + comment)
        if line.strip():
            print(line)


if __name__ == '__main__':
    main()
