package cli

import (
	"context"
	"fmt"
	"time"

	"bianmin/ui/idcard"
)

// idcardProbeTimeout is how long the doctor waits for each candidate
// device to answer the reader's protocol.
const idcardProbeTimeout = 2 * time.Second

// checkIDCard says whether the identity-card reader answers (--idcard-device,
// or one found among the serial devices). No reader is a note: typing the
// name and number works without one. A reader that is there but does not
// work is a warning: residents fall back to typing.
func checkIDCard(ctx context.Context, d *Doctor) []Finding {
	dev := d.Opts.IDCardDevice
	if dev == IDCardOff {
		return []Finding{note("身份证阅读器已按设置关闭（--idcard-device off）：居民手工输入姓名和身份证号码。",
			"The ID card reader is turned off (--idcard-device off): residents type their name and ID number.")}
	}
	st := idcard.Probe(ctx, dev, idcardProbeTimeout)
	where := st.Device
	if where == "" {
		where = "/dev/ttyUSB*, /dev/ttyACM*"
	}
	why := ""
	if st.Err != nil {
		why = "：" + idcard.Message(st.Err)
	}
	switch st.State {
	case idcard.StateReady:
		return []Finding{ok(fmt.Sprintf("身份证阅读器正常（%s）：居民刷身份证即可填入姓名和号码。", where),
			fmt.Sprintf("The ID card reader answers (%s): a card fills the name and ID number.", where))}
	case idcard.StateAbsent:
		if dev == "" {
			return []Finding{note("没有找到身份证阅读器：居民手工输入姓名和身份证号码。接上阅读器后可用 bianmin idcard 试读。",
				"No ID card reader found: residents type their name and ID number. Test a reader with `bianmin idcard`.")}
		}
		return []Finding{warn(fmt.Sprintf("找不到设置的身份证阅读器 %s%s。请检查连线或 --idcard-device。", dev, why),
			fmt.Sprintf("The ID card reader %s set by --idcard-device is missing: check the cable or the flag.", dev))}
	case idcard.StateBusy:
		return []Finding{note(fmt.Sprintf("身份证阅读器（%s）正被另一个程序使用，多半是正在运行的自助终端：请退出终端后再检查。", where),
			fmt.Sprintf("The ID card reader (%s) is in use by another program, most likely the running kiosk: stop it to check the reader.", where))}
	}
	return []Finding{warn(fmt.Sprintf("%s%s。居民仍可手工输入姓名和号码。", st.String(), why),
		fmt.Sprintf("The ID card reader (%s) does not work (%s): residents type their name and ID number instead.", where, st.State))}
}
