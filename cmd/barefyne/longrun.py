#!/usr/bin/python3
"""longrun.py: the kiosk's memory over a long session, on the real program.

Under X (Xvfb, 1280x800), with bianmin already running on a fresh copy of
the sample data (longrun.sh starts both), it drives ROUNDS rounds through
the window as a finger would, through XTEST (what a touchscreen sends):

  - a registration of 最低生活保障申请 from the home screen to the receipt:
    every field is filled on the ON-SCREEN keypad and pinyin keyboard, as
    a resident does (no physical keyboard or scanner), the review is
    swiped up and down with a finger, then 提交登记 and 首页;
  - a tracking look-up of that receipt: 进度查询, the receipt number and
    the query code tapped on the on-screen keypad and keyboard, 完成, the
    result, 首页. The number and code are read from the data file, as a
    resident reads them off the receipt.

After rounds 1, 100, 250 and ROUNDS (and every EVERY, default 50) it
prints the process's VmRSS (split into anonymous and file pages, from
/proc/PID/smaps_rollup) and VmHWM, and their ratio to round 1; with
BIANMIN_PPROF set (the kiosk then serves its profiles there) also the live
Go heap after a forced collection, which tells a leak from the collector's
slack, and keeps the heap profile in SHOTDIR (heap-roundN.pb.gz, for
go tool pprof -base). MINUTES=M stops after M minutes, reporting the
round then reached as the last. With REST=S (seconds) it then leaves the screen alone for S seconds,
as between two residents, and prints VmRSS at rest: what the kiosk holds
once Fyne has freed the textures of screens not drawn for a minute and the
idle collector has handed the free memory back (REST=90 covers both).

No fixed sleeps pace a round: each tap waits for its target (a button, a
key of the keyboard, a choice) to look as it did in round 1, which learns
them once each screen has held still a while, and each tap that changes
the screen waits for the next one to hold still. Each round is checked:
the data file must hold one more request, with exactly what was typed and
ticked (name, phone, ID number, description, the answers, the material),
and the receipt and result screens must look as they did in round 1
(their title). A round that fails (a tap lost on a loaded machine, a
target that does not appear) is reported with a screenshot, goes home and
is done again; five failures in a row stop; the last line counts them.

  DISPLAY=:81 /usr/bin/python3 longrun.py PID DATAFILE ROUNDS [SHOTDIR]
Needs Debian's python3-xlib. The taps are positions on the 1280x800
windowed layout of the sample data: after a layout change, check them
with the screenshots it leaves in SHOTDIR (round 1 and any failure).
"""
import os, re, sqlite3, subprocess, sys, time, urllib.request, zlib
from Xlib import display, X
from Xlib.ext import xtest

d = display.Display()
root = d.screen().root
W, H = 1280, 800


def crc(x=0, y=0, w=W, h=H):
    return zlib.crc32(root.get_image(x, y, w, h, X.ZPixmap, 0xffffffff).data)


# Strips of the screen below the header (whose clock ticks): what a step
# changes. A few thin strips cost far less to grab than the whole body.
STRIPS = [(0, y, W, 3) for y in range(130, H - 20, 50)]


def body():
    return tuple(crc(*s) for s in STRIPS)


def press(x, y):
    xtest.fake_input(d, X.MotionNotify, x=x, y=y)
    xtest.fake_input(d, X.ButtonPress, 1)
    d.sync()


def release():
    xtest.fake_input(d, X.ButtonRelease, 1)
    d.sync()


def tap(x, y, rest=0.02):
    press(x, y)
    time.sleep(0.01)  # a finger rests a moment (the events queue in order)
    release()
    time.sleep(rest)


def park():
    xtest.fake_input(d, X.MotionNotify, x=W - 10, y=H - 10)
    d.sync()


def settle(before, timeout=30.0):
    """Waits until the body differs from before and holds still: a
    pressed key's shading or a busy state passes, the next screen stays."""
    t0 = time.time()
    last, same = None, 0
    while time.time() - t0 < timeout:
        c = body()
        same = same + 1 if c == last else 0
        if c != before and same >= 2:  # unchanged over three grabs
            return c
        last = c
        time.sleep(0.05)
    raise RuntimeError("the screen did not change")


def still(timeout=10.0):
    """Waits until the body holds still (the candidates are in, say)."""
    t0 = time.time()
    last, same = None, 0
    while time.time() - t0 < timeout:
        c = body()
        same = same + 1 if c == last else 0
        if same >= 2:
            return
        last = c
        time.sleep(0.05)


# What each tap target looked like in round 1, by the round's phase and
# the target's place in it: later rounds tap a target only once it looks
# the same again. A screen that loads in two steps (a list filled in
# after the screen changed, a keyboard shown after its field) holds still
# a moment before its second step, and a tap then would be lost; waiting
# for the target's own pixels replaces fixed sleeps. Round 1 learns them
# after the screen has held still a while (its request is checked in the
# store like every round's).
REFS = {}
learning = True
phase = ['', 0]


def start(name):
    phase[0], phase[1] = name, 0


def patch(x, y, w=120, h=40):
    return (max(0, x - w // 2), max(0, y - h // 2), w, h)


def ready(x, y, w=120, h=40):
    """Waits until the target at (x, y) looks as it did in round 1."""
    park()
    key = (phase[0], phase[1])
    phase[1] += 1
    region = patch(x, y, w, h)
    if learning:
        still()
        time.sleep(0.6)
        still()
        REFS[key] = pixels(*region)
    elif not looks(region, REFS[key], timeout=15.0):
        raise RuntimeError('%s step %d: the target at (%d, %d) does not look as in round 1' % (key + (x, y)))


def go(x, y):
    """A tap that changes the screen: waits for the target, then for the
    next screen."""
    ready(x, y)
    before = body()
    tap(x, y, 0)
    park()
    return settle(before)


def choose(x, y):
    """A tap on a choice that stays on the screen (a check box, a radio)."""
    ready(x, y)
    tap(x, y, rest=0.1)


def swipe(x, y0, y1, steps=8):
    press(x, y0)
    for i in range(1, steps + 1):
        xtest.fake_input(d, X.MotionNotify, x=x, y=int(y0 + (y1 - y0) * i / steps))
        d.sync()
        time.sleep(0.015)
    release()
    time.sleep(0.3)


# The on-screen keys (centers) of each layout.
FIELD_PAD = {'1': (775, 214), '2': (912, 214), '3': (1049, 214), '4': (775, 330), '5': (912, 330),
             '6': (1049, 330), '7': (775, 446), '8': (912, 446), '9': (1049, 446), '0': (912, 561)}
ID_PAD = dict(FIELD_PAD, **{'0': (980, 561), 'X': (775, 561)})
FIELD_DONE = (1186, 503)
PINYIN = {'q': 450, 'w': 520, 'e': 590, 'r': 660, 't': 730, 'y': 800, 'u': 870, 'i': 940, 'o': 1010, 'p': 1080}
PINYIN = {k: (v, 305) for k, v in PINYIN.items()}
PINYIN.update({k: (485 + 70 * i, 403) for i, k in enumerate('asdfghjkl')})
PINYIN.update({k: (520 + 70 * i, 502) for i, k in enumerate('zxcvbnm')})
PINYIN[' '] = (905, 600)
TRACK_PAD = {'1': (396, 383), '2': (558, 383), '3': (721, 383), '4': (396, 465), '5': (558, 465),
             '6': (721, 465), '7': (396, 547), '8': (558, 547), '9': (721, 547), '0': (558, 629)}
TRACK_PAD_DONE = (884, 588)
CODE_KEYS = {k: (86 + 123 * i, 355) for i, k in enumerate('1234567890')}
CODE_KEYS.update({k: (76 + int(102.4 * i), 425) for i, k in enumerate('QWERTYUIOP')})
CODE_KEYS.update({k: (127 + int(102.5 * i), 495) for i, k in enumerate('ASDFGHJKL')})
CODE_KEYS.update({k: (178 + int(102.5 * i), 565) for i, k in enumerate('ZXCVBNM')})
CODE_DONE = (1152, 600)
NEXT = (640, 742)
HOME = (1140, 742)
HOME_VIEW = (0, 130, W, 520)  # the home screen's tiles


def keys(layout, text, rest=0.02):
    """Types text on an on-screen keyboard once its keys (its first and
    last, whatever the text) are shown."""
    order = list(layout)
    ready(*layout[order[0]])
    ready(*layout[order[-1]])
    for ch in text:
        tap(*layout[ch], rest=rest)


def pinyin(text):
    """Types syllables on the pinyin keyboard, each chosen with 空格 (the
    first candidate) once its candidates are shown."""
    for syllable in text.split():
        keys(PINYIN, syllable, rest=0.05)
        park()
        still()
        tap(*PINYIN[' '], rest=0.1)
        still()


def register():
    start('register')
    go(1053, 257)            # 自助登记
    go(1050, 445)            # 社会救助
    go(600, 350)             # 最低生活保障申请: the consent
    go(765, 742)             # 同意: 共同生活家庭成员人数, the keypad opens
    keys(FIELD_PAD, '3')
    go(*FIELD_DONE)          # 完成 goes on: 家庭月总收入
    keys(FIELD_PAD, '1250')
    go(*FIELD_DONE)          # 主要困难原因
    choose(226, 488)         # 因病
    go(*NEXT)                # 申请方式
    choose(226, 428)         # 本人申请
    go(*NEXT)                # 姓名: the pinyin keyboard
    pinyin('zhang san')
    go(*NEXT)                # 手机号码
    keys(FIELD_PAD, '13800138000')
    go(*NEXT)                # 身份证号码
    keys(ID_PAD, '110105198001011000')
    go(*NEXT)                # 情况说明 (multi-line)
    pinyin('kun nan')
    go(*NEXT)                # 材料
    choose(330, 537)         # 最低生活保障申请书
    go(*NEXT)                # 需要工作人员帮您办理吗
    choose(640, 515)         # 不需要
    go(*NEXT)                # the review
    ready(640, 600)
    swipe(640, 600, 300)     # a finger scrolls the review down and back
    swipe(640, 300, 600)
    return go(*NEXT)         # 提交登记: the receipt


def lookup(number, code):
    start('lookup')
    go(226, 525)             # 进度查询
    go(1073, 398)            # the receipt number: the keypad opens
    keys(TRACK_PAD, number)
    go(*TRACK_PAD_DONE)      # 完成 moves to the query code: the keyboard
    keys(CODE_KEYS, code)
    return go(*CODE_DONE)    # 完成: the result


def pixels(x, y, w, h):
    return root.get_image(x, y, w, h, X.ZPixmap, 0xffffffff).data


def looks(region, want, timeout=5.0):
    """Whether region shows what it showed in round 1 (all but 2% of its
    bytes the same: a pressed shade or a caret may differ), within timeout."""
    t0 = time.time()
    while time.time() - t0 < timeout:
        got = pixels(*region)
        same = sum(1 for a, b in zip(got, want) if a == b)
        if same >= 0.98 * len(want):
            return True
        time.sleep(0.1)
    return False


def live_heap():
    """The kiosk's live Go heap in MB after a forced GC, when it serves
    its profiles (BIANMIN_PPROF), else None: it tells a leak from the
    garbage collector's slack in RSS."""
    addr = os.environ.get('BIANMIN_PPROF')
    if not addr:
        return None
    try:
        with urllib.request.urlopen('http://%s/debug/pprof/heap?gc=1&debug=1' % addr, timeout=30) as r:
            m = re.search(rb'# HeapAlloc = (\d+)', r.read())
        return int(m.group(1)) / 1e6 if m else None
    except OSError:
        return None


def save_heap(dirname, name):
    """Keeps the heap profile (BIANMIN_PPROF) in dirname, for
    go tool pprof -base between two reports."""
    addr = os.environ.get('BIANMIN_PPROF')
    if not addr or not dirname:
        return
    try:
        with urllib.request.urlopen('http://%s/debug/pprof/heap' % addr, timeout=30) as r:
            with open('%s/heap-%s.pb.gz' % (dirname, name), 'wb') as f:
                f.write(r.read())
    except OSError:
        pass


def status(pid):
    """VmRSS and VmHWM, and RSS split into anonymous memory (heaps: Go's,
    C's, the GL driver's) and file pages (the binary, libraries, fonts),
    in MB."""
    out = {}
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            k, _, v = line.partition(':')
            if k in ('VmRSS', 'VmHWM'):
                out[k] = int(v.split()[0]) // 1024
    with open('/proc/%d/smaps_rollup' % pid) as f:
        for line in f:
            k, _, v = line.partition(':')
            if k == 'Anonymous':
                out['anon'] = int(v.split()[0]) // 1024
    out['file'] = out['VmRSS'] - out.get('anon', 0)
    return out


def shot(dirname, name):
    if dirname:
        park()
        subprocess.run(['import', '-window', 'root', '%s/longrun-%s.png' % (dirname, name)],
                       stderr=subprocess.DEVNULL)


def main():
    pid, dbfile, rounds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    shots = sys.argv[4] if len(sys.argv) > 4 else ''
    db = sqlite3.connect('file:%s?mode=ro' % dbfile, uri=True)

    def count():
        return db.execute('SELECT count(*) FROM requests').fetchone()[0]

    def latest():
        return db.execute('SELECT receipt_no, query_code, applicant_name, applicant_phone, applicant_id, '
                          'description, fields, brought, needs_help FROM requests ORDER BY id DESC LIMIT 1').fetchone()

    # What every round types and ticks, as a person checks it on the
    # receipt: a tap lost or misplaced shows as another name, number or
    # material.
    brought = db.execute("SELECT id FROM materials WHERE name = '最低生活保障申请书' "
                         "ORDER BY id DESC LIMIT 1").fetchone()
    want = ['张三', '13800138000', '110105198001011000', '困南',
            '{"agent":"本人申请","household_size":"3","monthly_income":"1250","reasons":"因病"}',
            '[%d]' % brought[0] if brought else '?', 0]

    title = (0, 125, 400, 45)  # the screen's title
    every = int(os.environ.get('EVERY', '50'))
    rest = float(os.environ.get('REST', '0'))
    marks = {1, 100, 250, rounds}
    # MINUTES: stop after this long (rests included), the round then
    # reported as the last.
    deadline = time.time() + 60 * float(os.environ['MINUTES']) if os.environ.get('MINUTES') else None
    first = None
    ref = []
    park()
    still()
    home = pixels(*HOME_VIEW)  # the home screen as it starts
    t0 = time.time()
    done = failures = failed = 0
    global learning
    while done < rounds:
        i = done + 1
        n = count()
        learning = i == 1
        try:
            register()
            if i == 1:
                # The receipt shows once the request is stored (正在提交
                # may take seconds on a loaded machine).
                t1 = time.time()
                while count() != n + 1 and time.time() - t1 < 30:
                    time.sleep(0.2)
                still()
                time.sleep(1)
                ref = [pixels(*title)]
                shot(shots, 'receipt')
            elif not looks(title, ref[0], timeout=30.0):
                raise RuntimeError('the receipt screen looks different from round 1 (after 30 s)')
            go(*HOME)
            if count() != n + 1:
                raise RuntimeError('no request was registered')
            rn, qc, *got = latest()
            if got != want:
                raise RuntimeError('request %s was registered with other content than typed: %r' % (rn, got))
            lookup(rn.split('-', 1)[1].replace('-', ''), qc)
            if i == 1:
                still()
                time.sleep(1)
                ref.append(pixels(*title))
                shot(shots, 'result')
            elif not looks(title, ref[1], timeout=30.0):
                raise RuntimeError('the result screen looks different from round 1 (after 30 s)')
            go(*HOME)
            done, failed = i, 0
        except RuntimeError as e:
            # A tap lost under load: note it, go home and do the round
            # again (a round is a registration and its look-up).
            failures += 1
            failed += 1
            shot(shots, 'failed-%d' % failures)
            print('round %d: %s (longrun-failed-%d.png); home, and again' % (i, e, failures), flush=True)
            if failed >= 5:
                sys.exit(1)
            # 首页 until home shows; never on home itself, where that
            # corner is 长辈模式.
            for _ in range(4):
                if looks(HOME_VIEW, home, timeout=2.0):
                    break
                tap(*HOME, rest=1.5)
            continue
        last = deadline is not None and time.time() >= deadline
        if last:
            marks.add(i)
        if i in marks or i % every == 0:
            s = status(pid)
            if first is None:
                first = s
            heap = live_heap()
            save_heap(shots, 'round%d' % i)
            print('round %4d: VmRSS %4d MB (anon %d, file %d)  VmHWM %4d MB%s  (%.1f s a round; %d requests, %d rounds again)' % (
                i, s['VmRSS'], s['anon'], s['file'], s['VmHWM'],
                '  live Go heap %.0f MB' % heap if heap is not None else '',
                (time.time() - t0) / i, count(), failures), flush=True)
            if i in marks and i > 1:
                print('           RSS %.2fx round 1, HWM %.2fx' % (
                    s['VmRSS'] / first['VmRSS'], s['VmHWM'] / first['VmHWM']), flush=True)
            if rest > 0:
                time.sleep(rest)
                r = status(pid)
                if i == 1:
                    first['rest'] = r['VmRSS']
                heap = live_heap()
                print('           at rest after %.0f s: VmRSS %4d MB (anon %d, file %d), %.2fx round 1 at rest%s' % (
                    rest, r['VmRSS'], r['anon'], r['file'], r['VmRSS'] / first['rest'],
                    '; live Go heap %.0f MB' % heap if heap is not None else ''), flush=True)
                t0 += rest  # the seconds a round exclude the rest
        if last:
            print('MINUTES=%s reached after round %d' % (os.environ['MINUTES'], i), flush=True)
            break
    took = time.time() - t0
    print('%d rounds in %.1f min (rests excluded): %.2f rounds a minute; %d rounds done again, %d requests' % (
        done, took / 60, done / (took / 60), failures, count()), flush=True)

if __name__ == '__main__':
    main()
