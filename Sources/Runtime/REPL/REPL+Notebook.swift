/// The notebook commands of the REPL: `:cells FILE` and `:run FILE [N|TITLE]`.
extension REPL {
    /// `:cells FILE`: one line per cell: number, kind, first line in the file, title or first code line.
    func listCells(_ path: String) {
        guard let cells = readCells(path) else { return }
        if cells.isEmpty {
            out("\(path): no cells\n")
            return
        }
        let numberWidth = String(cells.count).count + 2
        for cell in cells {
            let number = "[\(cell.number)]".padded(to: numberWidth)
            let kind = cell.kind == .markdown ? "prose" : cell.isEmpty ? "empty" : "code "
            let firstLine = cell.source.split(separator: "\n").first.map(String.init) ?? ""
            let description = cell.title ?? (firstLine.count > 50 ? String(firstLine.prefix(47)) + "..." : firstLine)
            out("\(number) \(kind)  line \(cell.firstLine)  \(description)\n")
        }
    }

    /// `:run FILE [N|TITLE]`: runs the chosen code cell, or every code cell in order (stopping at the
    /// first failure), in this session; each cell's last value is echoed as in the REPL.
    func runCells(_ path: String, selector: String?) {
        guard let cells = readCells(path) else { return }
        let chosen: [NotebookCell]
        if let selector {
            switch CellSelection.find(selector, in: cells) {
            case .success(let cell): chosen = [cell]
            case .failure(let problem):
                err("error: \(path): \(problem.message)\n")
                return
            }
        } else {
            chosen = cells.filter { $0.kind == .code && !$0.isEmpty }
        }
        for cell in chosen {
            if chosen.count > 1 { out("# \(cell.label)\n") }
            if cell.kind == .markdown {
                out(cell.source + "\n")
                continue
            }
            let source = String(repeating: "\n", count: max(0, cell.firstLine - 1)) + cell.source
            let status = InterruptSignal.whileEvaluating { session.evalInteractive(source, path: path) }
            if status != .ok {
                if chosen.count > 1 { err("stopped at cell \(cell.label)\n") }
                return
            }
        }
    }

    private func readCells(_ path: String) -> [NotebookCell]? {
        do {
            return CellSplitter.split(try ScriptFile.read(path))
        } catch {
            err("error: \(error)\n")
            return nil
        }
    }
}
