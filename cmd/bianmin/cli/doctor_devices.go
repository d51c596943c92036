package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"syscall"

	"bianmin/ui/paper"
	"bianmin/ui/speech"
)

// checkListen says whether the phone status page can listen where --listen
// says: free, or already held by a running bianmin.
func checkListen(ctx context.Context, d *Doctor) []Finding {
	addr := d.Opts.Listen
	if addr == "" {
		return []Finding{note("手机查询页已关闭（--listen 为空）：回执上的二维码在手机上打不开，群众可在终端上查询。",
			"The phone status page is off (--listen is empty): the receipts' QR codes open nothing on a phone; residents track at the kiosk.")}
	}
	err := d.Env.Bind(addr)
	switch {
	case err == nil:
		return []Finding{ok(fmt.Sprintf("手机查询页的端口 %s 空闲：自助终端启动后在此提供查询页。", addr),
			fmt.Sprintf("The phone page's port %s is free: the kiosk serves the page there once started.", addr))}
	case d.Env.Ours(ctx, addr):
		return []Finding{ok(fmt.Sprintf("端口 %s 正由运行中的便民服务使用：手机查询页已在运行。", addr),
			fmt.Sprintf("Port %s is held by the running bianmin: its phone page is up.", addr))}
	case errors.Is(err, syscall.EADDRINUSE):
		return []Finding{warn(fmt.Sprintf("端口 %s 已被其他程序占用：手机查询页将无法开启。请停止占用它的程序（ss -ltnp 查看），或用 --listen 换一个端口（--base-url 随之改）。", addr),
			fmt.Sprintf("Port %s is taken by another program: the phone page cannot start. Stop that program (ss -ltnp shows it) or pick another port with --listen (and --base-url).", addr))}
	case errors.Is(err, syscall.EACCES):
		return []Finding{warn(fmt.Sprintf("无权使用端口 %s（1024 以下的端口需要特权）：请改用 8080 这样的端口。", addr),
			fmt.Sprintf("Not allowed to listen on %s (ports under 1024 need privileges): use a port such as 8080.", addr))}
	}
	return []Finding{warn(fmt.Sprintf("手机查询页无法在 %s 上开启（%v）：请检查 --listen。", addr, err),
		fmt.Sprintf("The phone page cannot listen on %s (%v): check --listen.", addr, err))}
}

// checkQR says where the receipts' QR codes point (as the kiosk works it
// out: --base-url, the center's profile, else this machine's address) and
// whether a phone can reach it: the host is one of this machine's
// addresses or resolves, and something listens on the port.
func checkQR(ctx context.Context, d *Doctor) []Finding {
	profile := ""
	if d.center != nil {
		profile = d.center.PublicBaseURL
	}
	addrs, _ := d.Env.Addrs()
	base, reachable := BaseURL(d.Opts.BaseURL, profile, d.Opts.Listen, addrs)
	d.base = base
	source, sourceEn := "本机地址", "this machine's address"
	switch {
	case strings.TrimSpace(d.Opts.BaseURL) != "":
		source, sourceEn = "--base-url", "--base-url"
	case strings.TrimSpace(profile) != "":
		source, sourceEn = "服务室资料中的公网地址", "the center's profile"
	}
	if !reachable {
		why, whyEn := "本机没有局域网地址", "the machine has no LAN address"
		if h, _ := hostOf(d.Opts.Listen); d.Opts.Listen == "" {
			why, whyEn = "手机查询页已关闭", "the phone page is off"
		} else if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() {
			why, whyEn = "手机查询页只在本机回环地址上监听（--listen "+d.Opts.Listen+"）", "the phone page listens on loopback only (--listen "+d.Opts.Listen+")"
		}
		return []Finding{warn(fmt.Sprintf("回执二维码指向 %s，手机无法访问（%s）：请接入网络、检查 --listen，或用 --base-url 指定手机能访问的地址。群众仍可凭受理编号和查询码在终端查询。", base, why),
			fmt.Sprintf("The receipts' QR codes point to %s, which no phone can reach (%s): connect the machine, check --listen, or give a reachable address with --base-url. Residents can still track by number and code at the kiosk.", base, whyEn))}
	}
	u, err := url.Parse(base)
	if err != nil {
		return []Finding{warn(fmt.Sprintf("回执二维码的地址 %s 无法解析：请检查 %s。", base, source),
			fmt.Sprintf("The QR codes' address %s does not parse: check %s.", base, sourceEn))}
	}
	host, port := u.Hostname(), u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	target := net.JoinHostPort(host, port)
	local := false
	if ip := net.ParseIP(host); ip != nil {
		if ip.IsLoopback() {
			return []Finding{warn(fmt.Sprintf("回执二维码指向 %s（来自%s），这是本机回环地址，手机无法访问：请改为本机的局域网地址。", base, source),
				fmt.Sprintf("The QR codes point to %s (from %s), a loopback address no phone can reach: use the machine's LAN address.", base, sourceEn))}
		}
		local = isLocal(ip, addrs)
	} else {
		ips, err := d.Env.LookupHost(ctx, host)
		if err != nil || len(ips) == 0 {
			return []Finding{warn(fmt.Sprintf("回执二维码指向 %s（来自%s），但主机名 %s 在本机无法解析：手机多半也打不开。请改用本机的 IP 地址，或在路由器或 DNS 上为它登记。", base, source, host),
				fmt.Sprintf("The QR codes point to %s (from %s), but %s does not resolve here: phones will likely fail too. Use the machine's IP address, or register the name on the router or DNS.", base, sourceEn, host))}
		}
		for _, s := range ips {
			if ip := net.ParseIP(s); ip != nil && isLocal(ip, addrs) {
				local = true
			}
		}
	}
	listening := d.Env.Listening(ctx, target)
	_, listenPort := hostOf(d.Opts.Listen)
	switch {
	case local && port == listenPort:
		zh := fmt.Sprintf("回执二维码指向 %s（来自%s）：是本机地址，端口与手机查询页一致", base, source)
		en := fmt.Sprintf("The QR codes point to %s (from %s): this machine, on the phone page's port", base, sourceEn)
		if listening {
			return []Finding{ok(zh+"，查询页正在运行。", en+"; the page is up.")}
		}
		return []Finding{ok(zh+"，自助终端启动后即可访问。", en+"; reachable once the kiosk runs.")}
	case local && listening:
		return []Finding{ok(fmt.Sprintf("回执二维码指向 %s（来自%s）：是本机地址，端口 %s 有程序在监听（应转发到手机查询页 %s）。", base, source, port, d.Opts.Listen),
			fmt.Sprintf("The QR codes point to %s (from %s): this machine; something listens on port %s (it should forward to the phone page on %s).", base, sourceEn, port, d.Opts.Listen))}
	case local:
		return []Finding{warn(fmt.Sprintf("回执二维码指向本机的端口 %s（%s，来自%s），但手机查询页在 %s，该端口也没有程序在监听：请让 --base-url 的端口与 --listen 一致。", port, base, source, d.Opts.Listen),
			fmt.Sprintf("The QR codes point to port %s of this machine (%s, from %s), but the phone page is on %s and nothing listens there: make --base-url's port match --listen.", port, base, sourceEn, d.Opts.Listen))}
	case listening:
		return []Finding{ok(fmt.Sprintf("回执二维码指向 %s（来自%s）：不是本机地址，但可以连通（经路由器或服务器转发）。", base, source),
			fmt.Sprintf("The QR codes point to %s (from %s): not this machine, but it answers (forwarded by a router or server).", base, sourceEn))}
	}
	return []Finding{warn(fmt.Sprintf("回执二维码指向 %s（来自%s），它不是本机的地址，从本机也连不上：手机扫码多半打不开。请检查%s。", base, source, source),
		fmt.Sprintf("The QR codes point to %s (from %s), which is not this machine and does not answer from here: phones will likely fail. Check %s.", base, sourceEn, sourceEn))}
}

// isLocal reports whether ip is one of addrs (this machine's addresses).
func isLocal(ip net.IP, addrs []net.Addr) bool {
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.Equal(ip) {
			return true
		}
	}
	return false
}

// queueState is one CUPS queue as `lpstat -p -a` describes it.
type queueState struct {
	Enabled, Accepting bool
	Reason             string
}

// parseQueues reads `lpstat -p -a` in the C locale:
//
//	printer Q is idle.  enabled since …
//	printer Q disabled since … -
//		reason
//	Q accepting requests since …
//	Q not accepting requests since … -
//		reason
func parseQueues(out string) map[string]*queueState {
	qs := map[string]*queueState{}
	get := func(name string) *queueState {
		if qs[name] == nil {
			qs[name] = &queueState{}
		}
		return qs[name]
	}
	var cur *queueState
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		switch {
		case len(f) == 0:
		case strings.HasPrefix(l, "\t") || strings.HasPrefix(l, " "):
			if r := strings.TrimSpace(l); cur != nil && r != "reason unknown" && !strings.Contains(cur.Reason, r) {
				cur.Reason = strings.TrimPrefix(cur.Reason+"; "+r, "; ")
			}
		case f[0] == "printer" && len(f) > 2:
			cur = get(f[1])
			cur.Enabled = !strings.Contains(l, " disabled")
		case len(f) > 2 && f[1] == "accepting":
			cur = get(f[0])
			cur.Accepting = true
		case len(f) > 3 && f[1] == "not" && f[2] == "accepting":
			cur = get(f[0])
			cur.Accepting = false
		default:
			cur = nil
		}
	}
	return qs
}

// checkPrinters asks CUPS (lpstat) about the queues the kiosk prints to:
// the receipt queue (--printer, else the system default) and the A4 queue
// (--a4-printer) must exist, be enabled and accept jobs; with --print-test
// each gets a test page through the kiosk's own printing (ui/paper).
func checkPrinters(ctx context.Context, d *Doctor) []Finding {
	out, err := d.Env.Run(ctx, "lpstat", "-r")
	if errors.Is(err, exec.ErrNotFound) {
		return []Finding{fail("没有安装打印客户端（cups-client）：回执无法打印。请安装：apt install cups cups-client。",
			"The CUPS client (cups-client) is not installed: no receipt can be printed. Install it: apt install cups cups-client.")}
	}
	if !strings.Contains(out, "scheduler is running") {
		return []Finding{fail("打印服务（CUPS）没有运行：回执无法打印。请启动它：systemctl enable --now cups。",
			"The print service (CUPS) is not running: no receipt can be printed. Start it: systemctl enable --now cups.")}
	}
	list, _ := d.Env.Run(ctx, "lpstat", "-p", "-a")
	queues := parseQueues(list)
	names := make([]string, 0, len(queues))
	for n := range queues {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return []Finding{fail("CUPS 中没有任何打印机队列：回执无法打印。请先添加回执打印机（lpadmin，或浏览器打开 http://localhost:631）。",
			"CUPS has no printer queue: no receipt can be printed. Add the receipt printer first (lpadmin, or http://localhost:631 in a browser).")}
	}
	type use struct {
		queue, zh, en string
		page          func() (paper.Document, error)
	}
	roll := use{queue: d.Opts.Printer, zh: "回执打印机", en: "Receipt printer"}
	roll.page = func() (paper.Document, error) { return testReceipt(d.center, d.base, d.Env.Now()) }
	var res []Finding
	if roll.queue == "" {
		def, _ := d.Env.Run(ctx, "lpstat", "-d")
		if m := paperDefault(def); m != "" {
			roll.queue, roll.zh, roll.en = m, "回执打印机（系统默认）", "Receipt printer (system default)"
		} else {
			return []Finding{fail(fmt.Sprintf("没有指定回执打印机（--printer），本机也没有默认打印机：回执无法打印。请用 --printer 指定队列，或设置默认打印机（lpoptions -d 队列名）。现有队列：%s。", strings.Join(names, "、")),
				fmt.Sprintf("No receipt printer given (--printer) and no system default: receipts cannot print. Name a queue with --printer or set a default (lpoptions -d QUEUE). Queues: %s.", strings.Join(names, ", ")))}
		}
	}
	uses := []use{roll}
	if q := d.Opts.A4Printer; q != "" && q != roll.queue {
		uses = append(uses, use{queue: q, zh: "A4 打印机", en: "A4 printer",
			page: func() (paper.Document, error) { return testGuide(d.center, d.Env.Now()) }})
	}
	for _, u := range uses {
		st := queues[u.queue]
		reason, reasonEn := "", ""
		if st != nil && st.Reason != "" {
			reason, reasonEn = "（"+st.Reason+"）", " ("+st.Reason+")"
		}
		switch {
		case st == nil:
			res = append(res, fail(fmt.Sprintf("%s %s 不存在：现有队列 %s。请检查 --printer/--a4-printer 的队列名。", u.zh, u.queue, strings.Join(names, "、")),
				fmt.Sprintf("%s %s does not exist; the queues are %s. Check the queue names of --printer/--a4-printer.", u.en, u.queue, strings.Join(names, ", "))))
			continue
		case !st.Enabled:
			res = append(res, fail(fmt.Sprintf("%s %s 已停用%s：请检查打印机（开机、缺纸、卡纸、连线），处理后执行 cupsenable %s。", u.zh, u.queue, reason, u.queue),
				fmt.Sprintf("%s %s is stopped%s: check the printer (power, paper, jam, cable), then run cupsenable %s.", u.en, u.queue, reasonEn, u.queue)))
			continue
		case !st.Accepting:
			res = append(res, fail(fmt.Sprintf("%s %s 不接受打印任务%s：处理后执行 cupsaccept %s。", u.zh, u.queue, reason, u.queue),
				fmt.Sprintf("%s %s refuses jobs%s: once fixed, run cupsaccept %s.", u.en, u.queue, reasonEn, u.queue)))
			continue
		}
		if n := pendingJobs(ctx, d.Env, u.queue); n > 0 {
			res = append(res, warn(fmt.Sprintf("%s %s 已启用，但有 %d 个打印任务在排队未打印：打印机可能没开机、没连好或缺纸。请检查打印机；不需要的任务可用 cancel -a %s 清除。", u.zh, u.queue, n, u.queue),
				fmt.Sprintf("%s %s is enabled, but %d jobs are waiting unprinted: the printer may be off, unplugged or out of paper. Check it; cancel -a %s clears jobs nobody needs.", u.en, u.queue, n, u.queue)))
		} else {
			res = append(res, ok(fmt.Sprintf("%s %s：已启用，接受打印任务。", u.zh, u.queue),
				fmt.Sprintf("%s %s: enabled and accepting jobs.", u.en, u.queue)))
		}
		if !d.Opts.PrintTest {
			continue
		}
		doc, err := u.page()
		var job string
		if err == nil {
			job, err = d.Env.Print(ctx, u.queue, doc)
		}
		if err != nil {
			res = append(res, fail(fmt.Sprintf("%s %s 的测试页没有打印出来：%s", u.zh, u.queue, paper.Message(err)),
				fmt.Sprintf("The test page on %s did not print: %v", u.queue, err)))
			continue
		}
		res = append(res, ok(fmt.Sprintf("测试页已由 %s 打印完毕（任务 %s）：请查看纸上的中文、二维码是否清晰完整。", u.queue, job),
			fmt.Sprintf("The test page printed on %s (job %s): check that the Chinese and the QR code on it are clear and whole.", u.queue, job)))
	}
	var others []string
	for _, n := range names {
		if !slices.ContainsFunc(uses, func(u use) bool { return u.queue == n }) {
			others = append(others, n)
		}
	}
	if len(others) > 0 {
		res = append(res, note("本机其他打印机队列："+strings.Join(others, "、")+"。", "Other queues on this machine: "+strings.Join(others, ", ")+"."))
	}
	if !d.Opts.PrintTest {
		res = append(res, note("未打印测试页：加上 --print-test 可在每台打印机上打印一张。", "No test page printed: add --print-test to print one on each printer."))
	}
	return res
}

// pendingJobs is how many jobs `lpstat -o` lists as waiting on queue.
func pendingJobs(ctx context.Context, env Env, queue string) int {
	out, err := env.Run(ctx, "lpstat", "-o", queue)
	if err != nil {
		return 0
	}
	n := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, queue+"-") {
			n++
		}
	}
	return n
}

// paperDefault is the queue `lpstat -d` names as the system default.
func paperDefault(out string) string {
	const p = "system default destination: "
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, p) {
			return strings.TrimSpace(strings.TrimPrefix(l, p))
		}
	}
	return ""
}

// checkScreen reads the display's size: the kiosk is laid out for
// 1920×1080, 1280×800 and portrait 1080×1920, so the short side should be
// at least 800 and the long side 1280. No display (a check over ssh) is a
// note.
func checkScreen(ctx context.Context, d *Doctor) []Finding {
	s, err := d.Env.Screen(ctx)
	switch {
	case errors.Is(err, ErrNoDisplay):
		return []Finding{note("没有找到显示器（例如通过 ssh 检查时）：未检查屏幕尺寸。",
			"No display found (as over ssh): the screen size was not checked.")}
	case err != nil:
		return []Finding{note(fmt.Sprintf("无法读取屏幕尺寸（%v）。", err), fmt.Sprintf("Cannot read the screen size (%v).", err))}
	case s.Width == 0 || s.Height == 0:
		return []Finding{note(fmt.Sprintf("有显示（%s），但读不出尺寸。", s.Source), fmt.Sprintf("A display (%s), of unknown size.", s.Source))}
	}
	short, long := min(s.Width, s.Height), max(s.Width, s.Height)
	if short < 800 || long < 1280 {
		return []Finding{warn(fmt.Sprintf("屏幕 %d×%d（%s）小于界面设计的最小尺寸 1280×800：部分内容可能显示不全。", s.Width, s.Height, s.Source),
			fmt.Sprintf("The screen, %d×%d (%s), is smaller than the smallest the kiosk is laid out for (1280×800): some content may not fit.", s.Width, s.Height, s.Source))}
	}
	return []Finding{ok(fmt.Sprintf("屏幕 %d×%d（%s）：界面可以完整显示。", s.Width, s.Height, s.Source),
		fmt.Sprintf("Screen %d×%d (%s): the kiosk fits.", s.Width, s.Height, s.Source))}
}

// checkSpeech looks for espeak-ng and its Mandarin voice, and has it say a
// word into a WAV (not the loudspeaker): without it the kiosk hides 朗读.
func checkSpeech(ctx context.Context, d *Doctor) []Finding {
	voices, err := d.Env.Run(ctx, speech.Binary, "--voices="+speech.DefaultVoice)
	if errors.Is(err, exec.ErrNotFound) {
		return []Finding{warn("没有安装 espeak-ng：自助终端不显示“朗读”按钮，长辈无法听读。请安装：apt install espeak-ng。",
			"espeak-ng is not installed: the kiosk shows no 朗读 (read aloud) button. Install it: apt install espeak-ng.")}
	}
	found := false
	for _, l := range strings.Split(voices, "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[1] == speech.DefaultVoice {
			found = true
		}
	}
	if !found {
		return []Finding{warn(fmt.Sprintf("espeak-ng 没有普通话语音（%s）：“朗读”无法发声。请安装 espeak-ng-data。", speech.DefaultVoice),
			fmt.Sprintf("espeak-ng has no Mandarin voice (%s): 朗读 stays silent. Install espeak-ng-data.", speech.DefaultVoice))}
	}
	wav, err := d.Env.Run(ctx, speech.Binary, "-v", speech.DefaultVoice, "--stdout", "您好")
	if err != nil || !strings.HasPrefix(wav, "RIFF") || len(wav) < 1000 {
		why := "no sound produced"
		if err != nil {
			why = err.Error()
		}
		return []Finding{warn(fmt.Sprintf("espeak-ng 的普通话语音无法合成（%s）：“朗读”无法发声。请重新安装 espeak-ng。", why),
			fmt.Sprintf("espeak-ng's Mandarin voice does not synthesise (%s): 朗读 stays silent. Reinstall espeak-ng.", why))}
	}
	return []Finding{ok(fmt.Sprintf("朗读：espeak-ng 普通话语音（%s）可用。声音是否从音箱放出，请在终端上点“朗读”试听。", speech.DefaultVoice),
		fmt.Sprintf("Read aloud: espeak-ng's Mandarin voice (%s) works. Tap 朗读 at the kiosk to hear the loudspeaker.", speech.DefaultVoice))}
}
