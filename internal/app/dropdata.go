package app

import (
	"fmt"
	"image"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"gonum.org/v1/plot/vg/draw"

	"clvlab/internal/chart"
	"clvlab/internal/fit"
	"clvlab/internal/fitted"
	"clvlab/internal/ui"
	"clvlab/internal/vgebiten"
	"clvlab/scenarios"
)

// A data file dropped on the planner (a transaction log or a per-customer
// summary, as `clvlab fit` reads them) is fitted on this machine, in the
// window or the browser tab: nothing is uploaded. The planner then shows
// the fit's key numbers and its tracking plot in the chart area, and opens
// the fitted scenario.

// isDataFile reports whether a dropped file is data to fit rather than a
// scenario: delimited text by its name.
func isDataFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".csv", ".tsv", ".txt":
		return true
	}
	return false
}

// droppedFit is the fit of a dropped data file, shown until a tab is
// chosen or the scenario is opened.
type droppedFit struct {
	name string
	data *fitted.Data
	open bool // the fit view is showing
}

// tabFit marks the chart image of the fit view in chartKey.
const tabFit = -2

// openData fits the data file name of files and opens its scenario. A file
// larger than dataLimit (the browser's) gets a message that names the
// command to run instead.
func (a *App) openData(files fs.FS, name string) {
	f, err := files.Open(name)
	if err != nil {
		a.fail(err)
		return
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > dataLimit {
		a.fail(fitted.TooLarge(path.Base(name), st.Size(), dataLimit))
		return
	}
	src, err := io.ReadAll(io.LimitReader(f, dataLimit+1))
	if err != nil {
		a.fail(err)
		return
	}
	if int64(len(src)) > dataLimit {
		a.fail(fitted.TooLarge(path.Base(name), int64(len(src)), dataLimit))
		return
	}
	base := path.Base(name)
	d, err := fitted.FitData(base, src, fitted.Terms{DiscountRate: 0.10, NewCustomers: -1, Existing: true})
	if err != nil {
		a.fail(err)
		return
	}
	s, err := scenarios.Parse(strings.TrimSuffix(base, path.Ext(base))+".toml", d.Scenario.TOML)
	if err == nil {
		err = a.load(s, "")
	}
	if err != nil {
		a.fail(err)
		return
	}
	a.dataFit = &droppedFit{name: base, data: d, open: true}
	a.say("fitted", base, fit.Name(d.Purchases.Model), len(d.Scenario.Classes.Classes))
}

// fitNumbers are the fit's key numbers, one line each, in the language.
func (a *App) fitNumbers(d *fitted.Data) []string {
	var params []string
	for _, p := range d.Purchases.Params {
		params = append(params, fmt.Sprintf("%s = %.3g", p.Name, p.Value))
	}
	lines := []string{
		fmt.Sprintf(a.t("fit model"), fit.Name(d.Purchases.Model), strings.Join(params, ", "), d.Purchases.LogLikelihood),
		fmt.Sprintf(a.t("fit customers"), d.Purchases.Observations, a.t("fit kind "+d.Kind)),
	}
	if d.Spend.Model != "" {
		lines = append(lines, fmt.Sprintf(a.t("fit spend"), d.Spend.Value("p")*d.Spend.Value("gamma")/(d.Spend.Value("q")-1), d.CLV))
	}
	c := d.Scenario.Classes
	lines = append(lines, fmt.Sprintf(a.t("fit classes"), len(c.Classes), c.Worst, c.Periods))
	return lines
}

// fitView draws the dropped file's fit in r: its key numbers, the line
// that says the data stayed here, a button that opens the scenario, and
// the tracking plot.
func (a *App) fitView(m metrics, r image.Rectangle) {
	c := &a.ui
	d := a.dataFit.data
	small := c.Theme.FontSize * 0.85
	numbers := a.fitNumbers(d)
	// The text's background, above the tracking plot (whose image is drawn
	// under the widgets).
	head := m.pad/2 + m.line*(len(numbers)+2) + m.pad/3 + m.line + m.pad/3 + m.pad/2
	c.Fill(image.Rect(r.Min.X, r.Min.Y, r.Max.X, min(r.Max.Y, r.Min.Y+head)), white)
	y := r.Min.Y + m.pad/2
	c.Label(image.Rect(r.Min.X, y, r.Max.X, y+m.line), fmt.Sprintf(a.t("fit title"), a.dataFit.name), c.Theme.FontSize, c.Theme.Text, ui.Left)
	y += m.line
	for _, line := range numbers {
		c.Label(image.Rect(r.Min.X, y, r.Max.X, y+m.line), line, small, c.Theme.Text, ui.Left)
		y += m.line
	}
	c.Label(image.Rect(r.Min.X, y, r.Max.X, y+m.line), a.t("fit local"), small, c.Theme.Muted, ui.Left)
	y += m.line + m.pad/3
	bw := int(a.measure(a.t("open fitted"), c.Theme.FontSize)) + m.pad + 8
	br := image.Rect(r.Min.X, y, r.Min.X+bw, y+m.line+m.pad/3)
	a.widgets["button:open-fitted"] = br
	if c.Button("open-fitted", br, a.t("open fitted"), true) {
		a.dataFit.open = false
		a.chartKey = chartKey{}
		return
	}
	cr := image.Rect(r.Min.X, br.Max.Y+m.pad/2, r.Max.X, r.Max.Y)
	if cr.Dx() < 100 || cr.Dy() < 100 {
		return
	}
	key := chartKey{tab: tabFit, lang: a.lang, rect: cr, big: a.big}
	if key == a.chartKey {
		return
	}
	var an chart.Analysis
	h := chart.Header{Lang: a.lang, Scenario: a.dataFit.name}
	if s := d.Summary; len(s.Repeat) > 0 && len(d.Tracking) == len(s.Repeat) {
		an = &chart.Tracking{Header: h, Unit: s.Unit.String(), Actual: s.Repeat, Calibration: s.Unit.Since(s.Start, s.CalibrationEnd),
			Models: []chart.FitSeries{{Name: fit.Name(d.Purchases.Model), Values: d.Tracking}}}
	} else {
		// A summary file has no dates: the tracking plot's placeholder
		// says there is nothing to draw.
		an = &chart.Tracking{Header: h, Unit: "week"}
	}
	fig, err := chart.BuildAnalysis(an, chart.Size{W: cr.Dx(), H: cr.Dy(), Text: a.chartText(cr)})
	if err != nil {
		a.fail(err)
		a.chartKey = key
		return
	}
	factor, _ := a.platform.chartOptions()
	if ebiten.Monitor().DeviceScaleFactor() >= 2 {
		factor = 1
	}
	a.chartImg = a.charts.Draw(cr.Dx(), cr.Dy(), factor, func(c *vgebiten.Canvas) { fig.Draw(draw.New(c)) })
	a.chartOpaque = a.charts.Canvas.Opaque()
	a.chartFig, a.chartRect, a.chartKey = nil, cr, key
}

// fitTexts are the fit view's words; init adds them to texts.
var fitTexts = map[string][2]string{
	"fitted":                {"Fitted %s on this machine (%s, %d latent classes) and opened its scenario; the data never left this machine.", "已在本机拟合 %s（%s，%d 个潜在类别）并打开其情景；数据从未离开本机。"},
	"fit title":             {"Fitted from %s", "由 %s 拟合"},
	"fit model":             {"Model: %s (%s), log-likelihood %.1f", "模型：%s（%s），对数似然 %.1f"},
	"fit customers":         {"%g customers, read as %s, in weeks", "%g 位客户，读作%s，以周为单位"},
	"fit spend":             {"Mean spend per purchase (Gamma-Gamma): %.2f; CLV of a new customer over three years at 10%%: %.2f", "每次购买的平均消费（Gamma-Gamma）：%.2f；新客户三年 CLV（折现率 10%%）：%.2f"},
	"fit classes":           {"Scenario: %d latent classes, within %.1e of the model's expected purchases over %d weeks", "情景：%[1]d 个潜在类别，%[3]d 周内与模型预期购买次数相差不超过 %.1[2]e"},
	"fit local":             {"The data never leave this machine: the file was read and fitted here, and nothing was uploaded.", "数据从未离开本机：文件在此读取并拟合，没有上传任何内容。"},
	"fit kind transactions": {"a transaction log", "交易记录"},
	"fit kind summary":      {"a per-customer summary", "客户汇总表"},
	"open fitted":           {"Open the fitted scenario", "打开拟合的情景"},
}

func init() {
	for k, v := range fitTexts {
		texts[k] = v
	}
}
