/// Frees nested lists, records and closure chains without recursion.
///
/// Releasing a list that holds a list that holds a list... recurses once per level inside Swift's
/// runtime, and a script can build millions of levels in a loop. Each container's `deinit` hands
/// its contents to `dismantle`, which empties every container it holds the last reference to
/// before letting it go, so nested deinits find nothing left to release.
func dismantle(_ pending: inout [Value]) {
    while let last = pending.indices.last {
        // Copy the reference out, then drop the array's: `isKnownUniquelyReferenced` then sees
        // only the local copy. (Pattern-binding in a `switch` keeps a hidden temporary alive.)
        var list = pending[last].listObject
        var record = pending[last].recordObject
        var closure = pending[last].closureObject
        pending.removeLast()
        if isKnownUniquelyReferenced(&list), let l = list {
            pending.append(contentsOf: l.takeItems())
        } else if isKnownUniquelyReferenced(&record), let r = record {
            pending.append(contentsOf: r.takeValues())
        } else if isKnownUniquelyReferenced(&closure), let c = closure {
            var cells = c.takeUpvalues()
            takeCellValues(&cells, into: &pending)
        }
    }
}

/// Moves the values of the cells that `cells` holds the last reference to into `pending`.
/// (`inout`, so no second copy of the array keeps the cells alive.)
func takeCellValues(_ cells: inout ContiguousArray<Cell>, into pending: inout [Value]) {
    while !cells.isEmpty {
        var popped = cells.popLast()
        if var cell = popped {
            popped = nil  // `cell` is now the only reference held here
            if isKnownUniquelyReferenced(&cell) { pending.append(cell.takeValue()) }
        }
    }
}

extension Value {
    var listObject: ListObject? {
        if case .list(let l) = self { return l }
        return nil
    }
    var recordObject: RecordObject? {
        if case .record(let r) = self { return r }
        return nil
    }
    var closureObject: Closure? {
        if case .closure(let c) = self { return c }
        return nil
    }
}

extension ListObject {
    func takeItems() -> [Value] {
        let taken = items
        items = []
        return taken
    }
}

extension Cell {
    func takeValue() -> Value {
        let taken = value
        value = .null
        return taken
    }
}
