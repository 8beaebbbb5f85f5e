import Lang

/// A variable captured by a closure: the shared storage of one binding.
public final class Cell {
    public var value: Value
    init(_ value: Value) { self.value = value }

    deinit {
        if case .null = value { return }
        var pending = [takeValue()]
        dismantle(&pending)
    }
}

/// A function written in Spar together with the cells it captured.
public final class Closure {
    let proto: FunctionProto
    private(set) var upvalues: ContiguousArray<Cell>
    /// Copies of the prototype's hot fields, so a call reads them from the closure it already holds.
    let body: Code
    let slotCount: Int
    let parameterCount: Int
    let cellCount: Int
    init(proto: FunctionProto, upvalues: ContiguousArray<Cell>) {
        self.proto = proto; self.upvalues = upvalues
        body = proto.body; slotCount = proto.slotCount; parameterCount = proto.parameterCount; cellCount = proto.cellCount
    }
    /// Empties the captured cells (for `dismantle`); the closure is being freed.
    func takeUpvalues() -> ContiguousArray<Cell> {
        let taken = upvalues
        upvalues = []
        return taken
    }

    deinit {
        guard !upvalues.isEmpty else { return }
        var pending: [Value] = []
        var cells = takeUpvalues()
        takeCellValues(&cells, into: &pending)
        dismantle(&pending)
    }

    /// The function's name (`<fn>` for anonymous literals).
    public var name: String { proto.name }
}

/// The compiled, shareable part of a Spar function.
final class FunctionProto {
    let name: String
    let parameters: [String]
    /// `parameters.count`, stored so the call fast path reads one word.
    let parameterCount: Int
    /// Default value code per parameter (evaluated in the callee's frame), nil when required.
    let defaults: [Node?]
    /// For each parameter, the cell index when a closure captures it, else -1.
    let parameterCells: [Int]
    let slotCount: Int
    let cellCount: Int
    let location: SourceLocation
    /// The doc comment written above the declaration, if any.
    let doc: String?
    /// Parameters as written, with literal defaults (`steps: 100`), for signatures.
    let display: [String]
    var body: Code
    /// The function translated for the numeric VM when it is a pure numeric function.
    let numeric: NumericFunction?
    /// `numeric`, unretained, for calls inside the VM; nil once the VM gave up on a call of this
    /// function, which then stays with the tree interpreter (a second failure would only cost time).
    var numericCode: Unmanaged<NumericFunction>?
    /// `numericCode` for calls from the tree interpreter; also nil when `numericTrial` found the
    /// function too quick to be worth entering the VM for (it still runs there when VM code calls it).
    var numericEntry: Unmanaged<NumericFunction>?
    var numericTrial = NumericTrial()

    init(name: String, parameters: [String], defaults: [Node?], parameterCells: [Int], slotCount: Int,
         cellCount: Int, location: SourceLocation, doc: String?, display: [String], body: @escaping Code,
         numeric: NumericFunction? = nil) {
        self.name = name; self.parameters = parameters; self.parameterCount = parameters.count; self.defaults = defaults
        self.parameterCells = parameterCells; self.slotCount = slotCount; self.cellCount = cellCount
        self.location = location; self.doc = doc; self.display = display; self.body = body
        self.numeric = numeric
        numericCode = numeric.map { Unmanaged.passUnretained($0) }
        numericEntry = numericCode
    }

    /// `name(a, b, steps: 100)` — the signature shown by help.
    var signature: String { name + "(" + display.joined(separator: ", ") + ")" }
}

/// The activation record passed to compiled code: the function's slots and cells on the
/// interpreter's stacks, and the running closure (for its upvalues).
struct Frame {
    let slots: UnsafeMutablePointer<Value>
    let cells: UnsafeMutablePointer<Cell>
    unowned(unsafe) let closure: Closure
}

/// Compiled code: a tree of Swift closures, one per AST node.
typealias Code = (Frame) throws -> Value

/// A `Code` closure wrapped in a struct. Arrays and optionals of bare function types store them
/// in a generic ("maximally abstracted") form that costs a conversion thunk on every call; a struct
/// field keeps the closure's natural calling convention. Use `[Node]`, never `[Code]`.
struct Node {
    let run: Code
    init(_ run: @escaping Code) { self.run = run }
}
