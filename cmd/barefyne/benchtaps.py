#!/usr/bin/python3
"""benchtaps.py: each main kiosk tap, and the staff sign-in, timed on the
real program (bench-taps.sh starts it and runs this).

With bianmin running on DATAFILE under X (Xvfb, 1280x800), it walks RUNS
times through the kiosk as a finger would (XTEST, the helpers and tap
positions of longrun.py) and times every tap that opens a screen with
taptime.py: from the release to the first change anywhere (feedback-ms)
and to the first change of a region only the next screen draws (its
title, the register step's "第N步", ...: screen-ms). Before each timed tap
the pointer rests on the target and the screen holds still, so a hover
shade or a late part of the previous screen is not counted.

Each tap is checked: its region must change (else the tap missed: the
run stops with a screenshot), and once the next screen holds still its
region must look as it did the first time it was reached (REFS, learned
on the first walk of the first data file, kept in REFDIR as PPM crops for
a person to look at). The taps between timed ones (keys of the on-screen
keyboards, choices) wait for their targets as longrun.py does.

With SIGNIN=1 it then times the staff sign-in: the center's name held,
the administrator picked, the PIN typed on the PIN pad, and the tap on
完成 to the queue's rows drawn (a fresh data file has no PIN: the first
sign-in sets it, untimed).

  DISPLAY=:87 /usr/bin/python3 benchtaps.py LABEL DATAFILE RUNS OUTFILE REFDIR
appends "LABEL tap feedback-ms screen-ms" lines to OUTFILE. With
BIANMIN_PPROF set (the program serving its profiles) and PPROF_TAP="提交登记 >
receipt" (a tap's name as printed), a CPU profile of the 2 s from that tap
goes to REFDIR/LABEL-tap.pprof.
"""
import os, sqlite3, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the work tree
import longrun as L  # noqa: E402  (connects to $DISPLAY)

TITLE = (0, 125, 400, 45)       # the screen's title under the header
STEP = (20, 90, 170, 160)       # 第N步 / 共12步 of the register steps, and the
#                                 step's question when a keypad moves it up
GUIDE = (30, 240, 500, 50)      # a guide's name (its title stays the category's)
HOLD = (300, 40)                # the center's name: held 3.8 s for staff mode
PIN_KEYS = {'1': (656, 299), '2': (799, 299), '3': (941, 299), '4': (656, 401), '5': (799, 401),
            '6': (941, 401), '7': (656, 503), '8': (799, 503), '9': (941, 503), '0': (799, 606)}
PIN_DONE = (1084, 555)
PIN = '135792'
# The queue's fifth row: blank on the PIN pad (under 重新选择姓名; the
# 正在验证 message shows above it), filled only once the queue's rows are drawn.
QUEUE_ROWS = (20, 610, 560, 50)
QUEUE_HEAD = (20, 20, 500, 75)   # 办件队列 窗口登记 管理: the queue's own buttons


class Missed(RuntimeError):
    pass


label, dbfile, runs, outfile, refdir = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
os.makedirs(refdir, exist_ok=True)
out = open(outfile, 'a')
refs = {}


def ppm(name, region, data):
    """Keeps a crop (BGRX from the X server) as a PPM for a person to see."""
    x, y, w, h = region
    with open(os.path.join(refdir, name + '.ppm'), 'wb') as f:
        f.write(b'P6 %d %d 255\n' % (w, h))
        f.write(bytes(b for i in range(0, len(data), 4) for b in (data[i + 2], data[i + 1], data[i])))


def refname(name):
    return ''.join(c if c.isalnum() else '-' for c in name.encode('ascii', 'replace').decode()) or 'x'


def check(name, region):
    """The next screen, once still, must look as when first reached."""
    L.park()
    L.still()
    key = (name, region)
    if key not in refs:
        time.sleep(0.5)
        L.still()
        got = L.pixels(*region)
        # Learning: two taps that reach the same screen (a tile missed for
        # its neighbour, a step that did not move on) are a wrong position.
        for (other, r), want in refs.items():
            if r == region and got == want and not (other.startswith('staff') or name.startswith('staff')):
                L.shot(refdir, 'missed-%s-%s' % (label, refname(name)))
                raise Missed('%s: reached the screen that %s reached (screenshot %s/longrun-missed-%s-%s.png)'
                             % (name, other, refdir, label, refname(name)))
        refs[key] = got
        ppm('%02d-%s' % (len(refs), name), region, refs[key])
        return
    if not L.looks(region, refs[key], timeout=10.0):
        L.shot(refdir, 'missed-%s-%s' % (label, len(refs)))
        raise Missed('%s: the screen reached does not look as it did the first time (screenshot %s/longrun-missed-%s-%d.png)'
                     % (name, refdir, label, len(refs)))


def timed(name, x, y, region, timeout=10.0, checkregion=None):
    """Times one tap at (x, y) with taptime.py, region being what the next
    screen changes; checks the screen reached."""
    L.ready(x, y)  # the target looks as in the first walk (learns it then)
    xtest_move(x, y)
    L.still()  # the hover shade drawn, the screen still
    prof = profile(name)
    r = subprocess.run(['/usr/bin/python3', os.path.join(HERE, 'taptime.py'), str(x), str(y)] +
                       [str(v) for v in region] + [str(timeout)], capture_output=True, text=True, check=True)
    got = dict(kv.split('=') for kv in r.stdout.split())
    if got['screen-ms'] == 'none':
        L.shot(refdir, 'missed-%s-%s' % (label, refname(name)))
        raise Missed('%s: tap at (%d, %d): region %r did not change within %.0f s (screenshot %s/longrun-missed-%s-%s.png)'
                     % (name, x, y, region, timeout, refdir, label, refname(name)))
    if prof:
        prof.join()
    check(name, checkregion or region)
    out.write('%s\t%s\t%s\t%s\n' % (label, name, got['feedback-ms'], got['screen-ms']))
    out.flush()
    print('  %-6s %-28s feedback %5s ms  screen %5s ms' % (label, name, got['feedback-ms'], got['screen-ms']), flush=True)


def profile(name):
    """With PPROF_TAP naming this tap (its name as printed) and the
    program serving its profiles (BIANMIN_PPROF), a 2-second CPU profile
    from just before the tap, into REFDIR/LABEL-tap.pprof."""
    addr = os.environ.get('BIANMIN_PPROF')
    if not addr or os.environ.get('PPROF_TAP') != name:
        return None
    import threading, urllib.request

    def fetch():
        with urllib.request.urlopen('http://%s/debug/pprof/profile?seconds=2' % addr, timeout=30) as r:
            with open(os.path.join(refdir, '%s-tap.pprof' % label), 'wb') as f:
                f.write(r.read())
    t = threading.Thread(target=fetch)
    t.start()
    time.sleep(0.2)  # the profile started
    return t


def xtest_move(x, y):
    L.xtest.fake_input(L.d, L.X.MotionNotify, x=x, y=y)
    L.d.sync()


def home():
    """首页, then the home screen as it started."""
    L.tap(*L.HOME, rest=0.2)
    L.park()
    if not L.looks(L.HOME_VIEW, HOME, timeout=15.0):
        L.shot(refdir, 'missed-%s-home' % label)
        raise Missed('首页 did not lead home (screenshot %s/longrun-missed-%s-home.png)' % (refdir, label))


def walk(db):
    L.start('guide')
    timed('home > 办事指南', 226, 360, TITLE)
    timed('> 社会救助', 1050, 455, TITLE)
    timed('> 最低生活保障申请', 600, 350, GUIDE)
    timed('> 我要登记', 363, 742, TITLE)
    L.start('register')
    timed('> 同意 (step 2)', 765, 742, STEP)
    L.keys(L.FIELD_PAD, '3')
    timed('完成 > step 3', *L.FIELD_DONE, STEP)
    L.keys(L.FIELD_PAD, '1250')
    timed('完成 > step 4', *L.FIELD_DONE, STEP)
    L.choose(226, 488)
    timed('下一步 > step 5', *L.NEXT, STEP)
    L.choose(226, 428)
    timed('下一步 > step 6', *L.NEXT, STEP)
    L.pinyin('zhang san')
    timed('下一步 > step 7', *L.NEXT, STEP)
    L.keys(L.FIELD_PAD, '13800138000')
    timed('下一步 > step 8', *L.NEXT, STEP)
    L.keys(L.ID_PAD, '110105198001011000')
    timed('下一步 > step 9', *L.NEXT, STEP)
    L.pinyin('kun nan')
    timed('下一步 > step 10', *L.NEXT, STEP)
    L.choose(330, 537)
    timed('下一步 > step 11', *L.NEXT, STEP)
    L.choose(640, 515)
    timed('下一步 > review', *L.NEXT, STEP)
    n = count(db)
    timed('提交登记 > receipt', *L.NEXT, STEP, timeout=30.0)
    if count(db) != n + 1:
        raise Missed('提交登记: no request was stored')
    home()
    rn, qc = db.execute('SELECT receipt_no, query_code FROM requests ORDER BY id DESC LIMIT 1').fetchone()
    L.start('lookup')
    timed('home > 进度查询', 226, 525, TITLE)
    L.go(1073, 398)  # the receipt number: the keypad opens
    L.keys(L.TRACK_PAD, rn.split('-', 1)[1].replace('-', ''))
    L.go(*L.TRACK_PAD_DONE)  # 完成 moves to the query code: the keyboard
    L.keys(L.CODE_KEYS, qc)
    timed('完成 > result', *L.CODE_DONE, TITLE, checkregion=(0, 125, 1280, 200))
    home()
    L.start('tiles')
    timed('home > 政务公开', 640, 257, TITLE)
    home()
    timed('home > 投诉建议', 640, 525, TITLE)
    home()
    timed('home > 服务评价', 1053, 525, TITLE)
    home()


def count(db):
    return db.execute('SELECT count(*) FROM requests').fetchone()[0]


def hold(x, y, s=3.8):
    L.press(x, y)
    time.sleep(s)
    L.release()
    L.park()


def pin():
    L.keys(PIN_KEYS, PIN, rest=0.1)


def signin(first):
    """Holds the center's name, picks the administrator, types the PIN;
    the first time (no PIN yet) sets it, untimed."""
    L.start('signin-setup' if first else 'signin')
    hold(*HOLD)
    L.still()
    time.sleep(1)
    if first:
        L.go(210, 345)  # the first administrator: the PIN pad to set it
        for _ in range(2):  # the PIN, and again to confirm
            pin()
            L.ready(*PIN_DONE)
            L.tap(*PIN_DONE, rest=0.2)
        L.park()
        L.still()
        check('staff queue', QUEUE_HEAD)
        return
    L.go(600, 452)  # 张建华 on the sign-in list: the PIN pad
    pin()
    timed('staff 完成 > queue rows', *PIN_DONE, QUEUE_ROWS, timeout=30.0, checkregion=QUEUE_HEAD)


def main():
    global HOME
    db = sqlite3.connect('file:%s?mode=ro' % dbfile, uri=True)
    L.park()
    L.still()
    time.sleep(1)
    HOME = L.pixels(*L.HOME_VIEW)
    # Learned on the first walk of the first data file; the later walks and
    # the other data file are checked against them.
    state = os.path.join(refdir, 'learned')
    if os.path.exists(state):
        import pickle
        with open(state, 'rb') as f:
            L.REFS.update(pickle.load(f))
            refs.update(pickle.load(f))
    for i in range(runs):
        L.learning = not os.path.exists(state) and i == 0
        walk(db)
        if L.learning:
            import pickle
            with open(state, 'wb') as f:
                pickle.dump(L.REFS, f)
                pickle.dump(refs, f)
    if os.environ.get('SIGNIN') == '1':
        L.learning = True
        signin(True)
        for i in range(runs):
            L.tap(1197, 56, rest=0.2)  # 退出: back to the kiosk's home
            L.park()
            if not L.looks(L.HOME_VIEW, HOME, timeout=15.0):
                raise Missed('退出 did not lead to the kiosk home')
            L.learning = i == 0
            signin(False)


try:
    main()
except (Missed, RuntimeError) as e:
    print('%s: %s' % (label, e), file=sys.stderr, flush=True)
    sys.exit(1)
