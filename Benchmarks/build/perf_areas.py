#!/usr/bin/env python3
"""CPU of a profiled build by area: lossbook's own threads apart from node's.

    perf record -e cpu-clock -F 1000 -g -o perf.data lossbook build
    perf script -i perf.data -F comm,pid,tid,time,ip,sym > perf.txt
    Benchmarks/build/perf_areas.py perf.txt            # the table of the README (1 sample = 1 ms)
    Benchmarks/build/perf_areas.py perf.txt --timeline # samples per 100 ms: lossbook, each node process

Each sample of lossbook's threads is counted under the innermost frame on its stack that matches
an area below (Swift's mangled names; a type's methods start with `$s12LossbookSite` and the
type's length-prefixed name, which a parameter of that type in another function's name does not).
"""
import collections
import re
import sys

AREAS = [
    ('plot directives (figures: sampling, layout, SVG)', r'PlotDirectiveO3run_'),
    ('other directives and the experiment plan', r'DirectiveStageV5visit|ExperimentPlan'),
    ('parse (cmark-gfm, math, source positions)', r'MarkdownParserV5parse_4path'),
    ('print parts, made with each page', r'PrintPageO4part02of|PrintPageO5chunk'),
    ('pages: HTML renderer', r'HTMLRendererV5write_4into'),
    ('pages: templates and page context', r'PageMakerV4page_8document'),
    ('math into pages (MathStage.apply)', r'MathStageV5apply|9MathStage'),
    ('talking to node (render service, cache)',
     r'\$s12LossbookSite(13RenderService|12NodeRenderer|16RenderPrefetcher|11RenderCache|6Bucket|11RecordIndex|12MathPipeline)'),
    ('search index', r'SearchIndexStage|SearchShard|SearchIndex|SearchSections'),
    ('references, links, previews', r'LinkStage|ReferencePass|LinkCheck|Preview'),
    ('print page (template, parts read or cut)', r'PrintStageV3run|PrintPageO4make'),
    ('write (staging, manifest, stamp)', r'WriteStage|Staging|SiteWriter|OutputManifest|BuildStamp'),
    ('load (list, read, front matter, outline)', r'LoadStage|ContentLoader'),
    ('page keys, assets, sweep', r'PageKeyStage|AssetsStage|SweepStage'),
    ('parse stage: other', r'ParseStage|NoteExpansion'),
]
UNATTRIBUTED = 'start, exit, allocation, kernel, unattributed'
# The kernel's work for ext4 creating files next to inodes deleted moments before (see run.sh).
EXT4_DELETED = re.compile(r'^(find_get_block_common|recently_deleted|ext4_get_group_desc|find_inode_bit)\b')


def samples(path):
    """(command, pid, time, frames leaf first) for each sample of `perf script` output."""
    header, frames = None, []
    for line in open(path, errors='replace'):
        if not line.strip():
            if header:
                yield header + (frames,)
            header, frames = None, []
        elif not line[0].isspace():
            fields = line.split()
            times = [f for f in fields if re.fullmatch(r'\d+\.\d+:', f)]
            header = (fields[0], fields[1].split('/')[0], float(times[0][:-1]) if times else 0.0)
        else:
            parts = line.strip().split(None, 1)
            if len(parts) == 2:
                frames.append(parts[1].rsplit(' (', 1)[0])
    if header:
        yield header + (frames,)


def is_node(command):
    return command.startswith('node') or command == 'V8'


def areas(path):
    patterns = [(name, re.compile(pattern)) for name, pattern in AREAS]
    own, node, total, ext4 = collections.Counter(), 0, 0, 0
    for command, _, _, frames in samples(path):
        if is_node(command):
            node += 1
            continue
        total += 1
        if frames and EXT4_DELETED.match(frames[0]):
            ext4 += 1
        for frame in frames:
            found = next((name for name, pattern in patterns if pattern.search(frame)), None)
            if found:
                own[found] += 1
                break
        else:
            own[UNATTRIBUTED] += 1
    print(f'{total:6d}  lossbook, all own threads')
    for name in [name for name, _ in AREAS] + [UNATTRIBUTED]:
        print(f'{own[name]:6d}  … {name}')
    print(f'{ext4:6d}  (of which ext4 creating files after deletions, in any area)')
    print(f'{node:6d}  node, all threads')


def timeline(path):
    buckets, processes, start = collections.defaultdict(collections.Counter), {}, None
    for command, pid, time, _ in samples(path):
        start = time if start is None else start
        who = f'node{processes.setdefault(pid, len(processes))}' if is_node(command) else 'lossbook'
        buckets[int((time - start) * 10)][who] += 1
    idle = 0
    names = ['lossbook'] + [f'node{n}' for n in range(len(processes))]
    for bucket in sorted(buckets):
        counts = buckets[bucket]
        idle += max(0, 200 - sum(counts.values()))
        print(f'{bucket / 10:5.1f} s  ' + '  '.join(f'{name} {counts[name]:3d}' for name in names))
    print(f'idle: {idle} ms of the two cores\' time (counting from the first sample)')


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    (timeline if '--timeline' in sys.argv[2:] else areas)(sys.argv[1])
