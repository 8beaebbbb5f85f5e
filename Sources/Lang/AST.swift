/// The syntax tree. Expressions and statements are value types with a location; the nodes that the
/// resolver annotates (declarations, variable references, functions, pipes) are classes so the
/// annotations land in place.

/// An expression with the location of its first token (or of its operator, for binary operators).
public struct Expr {
    public let kind: ExprKind
    public let location: SourceLocation
    public init(_ kind: ExprKind, _ location: SourceLocation) { self.kind = kind; self.location = location }
}

public indirect enum ExprKind {
    case number(Double)
    case string(String)
    /// An interpolated string: literal pieces and expressions, in order.
    case template([TemplatePiece])
    case bool(Bool)
    case null
    case variable(VariableRef)
    case list([Expr])
    case record([(key: String, value: Expr)])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case not(Expr)
    case range(Expr, Expr, inclusive: Bool)
    case call(Expr, [Argument])
    case member(Expr, String)
    case index(Expr, Expr)
    case function(FunctionInfo)
    /// `if cond { } else ...`; the else part is a block or another `if`.
    case ifElse(Expr, Block, Expr?)
    case block(Block)
    /// `try { } catch e { }`; the catch binding is optional.
    case tryCatch(Block, Declaration?, Block)
    /// `lhs |> rhs`: rhs is a call (lhs becomes its first argument) or a callee.
    case pipe(Expr, Expr, PipeInfo)
}

public enum TemplatePiece {
    case text(String)
    case expr(Expr)
}

public enum UnaryOperator: String { case negate = "-" }

public enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%"
    case matmul = "@", power = "**"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

public enum AssignOperator: String {
    case add = "+=", subtract = "-=", multiply = "*=", divide = "/="
    /// The arithmetic operator applied by a compound assignment.
    public var binary: BinaryOperator {
        switch self {
        case .add: return .add
        case .subtract: return .subtract
        case .multiply: return .multiply
        case .divide: return .divide
        }
    }
}

/// A call argument, positional (`label == nil`) or labeled (`steps: 5`).
public struct Argument {
    public let label: String?
    public let value: Expr
}

public struct Stmt {
    public let kind: StmtKind
    public let location: SourceLocation
    public init(_ kind: StmtKind, _ location: SourceLocation) { self.kind = kind; self.location = location }
}

public indirect enum StmtKind {
    case expression(Expr)
    /// `let`/`var` (the declaration knows which); a `var` without initializer starts as nil.
    case binding(Declaration, Expr?)
    case function(Declaration, FunctionInfo)
    /// `target = value` or `target op= value`; target is a variable, index or member expression.
    case assign(Expr, AssignOperator?, Expr)
    case returnValue(Expr?)
    case breakLoop
    case continueLoop
    case whileLoop(Expr, Block)
    case forLoop(Declaration, Expr, Block)
    case use(Declaration, String)
}

/// A `{ }` block: its value is the value of its last statement when that is an expression, else nil.
public struct Block {
    public let statements: [Stmt]
    public let location: SourceLocation
    public init(statements: [Stmt], location: SourceLocation) {
        self.statements = statements; self.location = location
    }
}

/// Where a resolved name lives.
public enum Storage {
    case unresolved
    /// A slot of the current function's frame (or, if captured, its cell `cellIndex`).
    case local(slot: Int)
    case global(Int)
}

/// One binding: a variable, constant, parameter, loop variable, catch variable or function name.
public final class Declaration {
    public let name: String
    public let isConstant: Bool
    public let location: SourceLocation
    public internal(set) var storage: Storage = .unresolved
    /// Set when a nested function captures this local; it then lives in cell `cellIndex`.
    public internal(set) var cellIndex: Int? = nil
    public init(name: String, isConstant: Bool, location: SourceLocation) {
        self.name = name; self.isConstant = isConstant; self.location = location
    }
}

/// A use of a name, annotated by the resolver.
public final class VariableRef {
    public enum Target {
        case unresolved
        case local(Declaration)
        /// Index into the running closure's captured cells.
        case upvalue(Int)
        case global(Int)
    }
    public let name: String
    public internal(set) var target: Target = .unresolved
    public init(name: String) { self.name = name }
}

/// Annotation of a pipe: when the right side is `name(args)` and `name` is not a variable, the
/// pipe calls the method `name` on the left value (`xs |> map(f)` is `xs.map(f)`).
public final class PipeInfo {
    public internal(set) var callsMethod: String? = nil
    public init() {}
}

public struct Parameter {
    public let declaration: Declaration
    public let defaultValue: Expr?
}

/// Where a closure's captured cell comes from when the closure is created.
public enum UpvalueSource: Equatable {
    /// A cell of the enclosing function's frame.
    case enclosingCell(Int)
    /// One of the enclosing closure's own upvalues.
    case enclosingUpvalue(Int)
}

/// A function declaration or literal, plus the frame layout the resolver computes.
public final class FunctionInfo {
    public let name: String
    public let parameters: [Parameter]
    public let body: Block
    public let location: SourceLocation
    /// The `#` comment lines directly above a declaration.
    public let doc: String?
    public internal(set) var slotCount = 0
    public internal(set) var cellCount = 0
    public internal(set) var upvalues: [UpvalueSource] = []
    public init(name: String, parameters: [Parameter], body: Block, location: SourceLocation, doc: String?) {
        self.name = name; self.parameters = parameters; self.body = body; self.location = location; self.doc = doc
    }
}

/// A parsed program (a script or one REPL input): its statements form the body of a top-level
/// function whose outermost declarations are globals.
public struct Program {
    public let file: SourceFile
    public let main: FunctionInfo
}
