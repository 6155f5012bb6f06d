#!/usr/bin/env python3
"""What ran on each core while the slowest blocks of a propagation run travelled.

Usage, while bench/propagation.sh measures its blocks (docs/benchmarks.md, Block propagation, round 12):

    bench/propagation.sh > run.log &
    # once the measured blocks have begun:
    jstack "$(pgrep -f 'java.*PropagationBenchmark')" > run.log.jstack      # names the JVM's threads
    perf record -a -k CLOCK_MONOTONIC -e sched:sched_switch -e sched:sched_wakeup -o run.log.perf -- sleep 45
    # when the run is over:
    bench/sched-window.py run.log

Reads the slowest blocks' lines of run.log (each ends with its finder and the monotonic second it found the block,
the clock System.nanoTime reads on Linux and perf -k CLOCK_MONOTONIC stamps its events with); for each block inside
the recording, prints the milliseconds each thread group ran and waited runnable in the block's interval, and each
core's runs of more than 0.3 ms in order. Needs perf with the sched tracepoints.
"""
import re, sys, collections, subprocess
if len(sys.argv) != 2:
    sys.exit('usage: bench/sched-window.py RUN_LOG (with RUN_LOG.perf and, to name threads, RUN_LOG.jstack beside it)')
log = sys.argv[1]
names = {}
for js in (log + '.jstack', log + '.jstack2'):
    try:
        for line in open(js):
            # nid in hex up to JDK 17, in decimal since JDK 18
            m = re.match(r'^"([^"]+)".* nid=(0x[0-9a-f]+|\d+)', line)
            if m:
                names[int(m.group(2), 0)] = m.group(1)
    except FileNotFoundError:
        pass
def group(tid, comm):
    n = names.get(tid)
    if n is None:
        return comm if tid else 'idle'
    n = re.sub(r'minerfleet-miner-\d+-\S*', 'miner', n)
    n = re.sub(r'raw-sub-\d+\S*', 'raw-sub', n)
    n = re.sub(r'\d+', 'N', n)
    return n
wins = []
for line in open(log):
    m = re.search(r'==\s+([\d.]+) ms \(wire ([\d.]+|NaN) ms.* at ([\d.]+) s\)', line)
    if m:
        wins.append((float(m.group(3)), float(m.group(1)), line.strip()))
out = subprocess.run(['perf', 'script', '-i', log + '.perf', '-F', 'cpu,time,event,trace'], capture_output=True,
                     text=True).stdout
sw = re.compile(r'\[(\d+)\]\s+([\d.]+):\s+sched:sched_switch:.*prev_pid=(\d+).*prev_state=(\S+)'
                r' ==> next_comm=(.+?) next_pid=(\d+)')
wk = re.compile(r'\[(\d+)\]\s+([\d.]+):\s+sched:sched_wakeup: comm=(.+?) pid=(\d+)')
events = []
comms = {}
for line in out.splitlines():
    m = sw.search(line)
    if m:
        cpu, t, prev, state = int(m.group(1)), float(m.group(2)), int(m.group(3)), m.group(4)
        ncomm, nxt = m.group(5), int(m.group(6))
        comms[nxt] = ncomm
        events.append((t, 'sw', cpu, prev, nxt, state))
        continue
    m = wk.search(line)
    if m:
        events.append((float(m.group(2)), 'wk', int(m.group(1)), int(m.group(4)), 0, ''))
        comms.setdefault(int(m.group(4)), m.group(3))
if not events:
    sys.exit('no events')
print('perf window %.3f .. %.3f s' % (events[0][0], events[-1][0]))
for start, ms, text in wins:
    end = start + ms / 1000
    if start < events[0][0] or end > events[-1][0]:
        continue
    print('\n' + text)
    running = {}
    ran = collections.Counter()
    runs = collections.defaultdict(list)
    wait = {}
    waited = collections.Counter()
    for t, kind, cpu, a, b, state in events:
        if t > end:
            break
        if kind == 'wk':
            if a:
                wait[a] = t
            continue
        if cpu in running:
            tid, since = running[cpu]
            s, e = max(since, start), min(t, end)
            if e > s:
                g = group(tid, comms.get(tid, '?'))
                ran[g] += e - s
                runs[cpu].append((s, e, g))
        running[cpu] = (b, t)
        if state.startswith('R') and a:
            wait[a] = t
        if b in wait:
            w0 = wait.pop(b)
            s, e = max(w0, start), min(t, end)
            if e > s:
                waited[group(b, comms.get(b, '?'))] += e - s
    # threads woken in the interval and still waiting for a core at its end
    on_a_core = {running_tid for running_tid, _ in running.values()}
    for tid, w0 in wait.items():
        if start <= w0 < end and tid not in on_a_core:
            waited[group(tid, comms.get(tid, "?"))] += end - w0
    for cpu, (tid, since) in running.items():
        s, e = max(since, start), end
        if e > s:
            g = group(tid, comms.get(tid, '?'))
            ran[g] += e - s
            runs[cpu].append((s, e, g))
    print('  ran (ms):', ', '.join('%s %.2f' % (g, v * 1000) for g, v in ran.most_common(12)))
    print('  waited runnable (ms, summed over threads):',
          ', '.join('%s %.2f' % (g, v * 1000) for g, v in waited.most_common(8)))
    for cpu in sorted(runs):
        segs = [(s, e, g) for s, e, g in runs[cpu] if e - s > 0.0003]
        print('  cpu%d:' % cpu,
              ' '.join('%+.1f:%s(%.1f)' % ((s - start) * 1000, g, (e - s) * 1000) for s, e, g in segs[:40]))
