package cli

import "clvlab/scenarios"

// The commands' own messages in English and Chinese (-lang). Usage and
// validation errors stay English.
var (
	msgWroteOpen = scenarios.Text{EN: "wrote %d files to %s; open %s", ZH: "已写入 %d 个文件到 %s；请打开 %s"}
	msgWrote     = scenarios.Text{EN: "wrote %d files to %s", ZH: "已写入 %d 个文件到 %s"}
	msgDefault   = scenarios.Text{EN: "(no scenario given: using the default, %s)", ZH: "（未指定情景：使用默认情景 %s）"}
	msgTrials    = scenarios.Text{EN: "clvlab run: %s: %d trials, run %d of %d (%s)", ZH: "clvlab run：%s：%d 次试验，第 %d 次运行，共 %d 次（%s）"}
	msgWriting   = scenarios.Text{EN: "clvlab run: %s: writing %d files to %s", ZH: "clvlab run：%s：正在写入 %d 个文件到 %s"}
	msgNoVariant = scenarios.Text{EN: "no variant %q in %s; variants are %s", ZH: "%[2]s 中没有变体 %[1]q；变体有 %[3]s"}
)
