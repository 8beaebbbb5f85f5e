/// The style sheet inlined into HTML reports, so a report is one file that needs no network.
enum ReportStyle {
    static let css = """
    :root { color-scheme: light; }
    body { margin: 0; background: #f6f7f9; color: #1d2330; font: 15px/1.55 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 920px; margin: 0 auto; padding: 24px 20px 64px; }
    header.report-head { border-bottom: 2px solid #d8dce3; margin-bottom: 20px; }
    header.report-head h1 { margin: 0 0 4px; font-size: 26px; }
    p.meta { margin: 0 0 12px; color: #5b6475; font-size: 13px; }
    p.meta .failed { color: #b3261e; font-weight: 600; }
    section.prose { margin: 18px 4px; }
    section.prose h1, section.prose h2, section.prose h3 { margin: 18px 0 6px; line-height: 1.25; }
    section.prose code { background: #eceff3; padding: 1px 4px; border-radius: 3px; font-size: 13px; }
    section.prose pre { background: #eceff3; padding: 8px 10px; border-radius: 4px; overflow-x: auto; }
    section.prose blockquote { margin: 8px 0; padding: 2px 12px; border-left: 3px solid #c4cad4; color: #4a5263; }
    section.cell { background: #ffffff; border: 1px solid #dde1e7; border-radius: 6px; margin: 16px 0; overflow: hidden; }
    section.cell.failed { border-color: #e3a29d; }
    section.cell.not-run { opacity: 0.55; }
    div.cell-head { display: flex; justify-content: space-between; gap: 12px; padding: 6px 12px; background: #f0f2f5; border-bottom: 1px solid #dde1e7; font-size: 13px; color: #4a5263; }
    span.cell-label { font-weight: 600; }
    span.cell-status.failed { color: #b3261e; font-weight: 600; }
    pre { margin: 0; font: 13px/1.45 "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; white-space: pre-wrap; word-break: break-word; }
    pre.code { padding: 10px 12px; background: #fbfcfd; border-bottom: 1px solid #eef0f3; }
    div.outputs { padding: 8px 12px; }
    div.outputs pre.stdout, div.outputs pre.display { padding: 4px 0; }
    figure.plot { margin: 8px 0; }
    figure.plot svg { max-width: 100%; height: auto; border: 1px solid #eef0f3; }
    div.table-wrap { overflow-x: auto; margin: 8px 0; }
    table { border-collapse: collapse; font-size: 13px; }
    caption { text-align: left; font-weight: 600; padding: 2px 0 6px; }
    th, td { border-bottom: 1px solid #e3e6eb; padding: 4px 10px; text-align: left; }
    th { background: #f0f2f5; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    pre.error { margin: 0; padding: 10px 12px; background: #fdf1f0; color: #8c1d18; border-top: 1px solid #f0c9c5; }
    footer { margin-top: 32px; color: #7a8292; font-size: 12px; }
    """
}
