package paper

import "bianmin/data"

// ReceiptFor is the receipt paper prints for a stored request, the same
// from the kiosk, the staff intake and a staff reprint. Everything personal
// arrives masked from data. Paper is Chinese in every UI language, so the
// mode and status are data's words (Label), not lang's; the promised day,
// when there is one, is written as 2026年12月10日.
func ReceiptFor(rc data.Receipt, trackURL string) Receipt {
	r := Receipt{
		Center:    rc.CenterName,
		Item:      rc.ItemName,
		ReceiptNo: rc.ReceiptNo,
		QueryCode: rc.QueryCode,
		Time:      chinaTime(rc.Created),
		Mode:      rc.Mode.Label(),
		Status:    rc.Status.Label(),
		Brought:   rc.Brought,
		Missing:   rc.Missing,
		TrackURL:  trackURL,
		Applicant: rc.ApplicantMask,
		IDTail:    rc.IDMask,
		Phone:     rc.ComplaintPhone,
		Sign:      rc.Proxy, // 代为办理: the applicant signs the receipt
	}
	if rc.DueDay != "" {
		if d, err := data.ParseDay(rc.DueDay); err == nil {
			r.Promised = d.Format("2006年1月2日")
		}
	}
	return r
}
