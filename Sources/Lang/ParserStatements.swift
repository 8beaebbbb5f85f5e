extension Parser {
    // statement := 'let' NAME '=' expr | 'var' NAME ('=' expr)? | 'fn' NAME params block
    //            | 'return' expr? | 'break' | 'continue' | 'while' expr block
    //            | 'for' NAME 'in' expr block | 'use' NAME | expr (assignop expr)?
    mutating func statement() throws -> Stmt {
        let start = here
        switch current.kind {
        case .keyword(.let), .keyword(.var):
            let isConstant = check(.let)
            advance()
            let nameLocation = here
            let name = try identifier("a name after '\(isConstant ? "let" : "var")'")
            let declaration = Declaration(name: name, isConstant: isConstant, location: nameLocation)
            if match(.equal) {
                skipNewlines()
                return Stmt(.binding(declaration, try expression()), start)
            }
            if isConstant { throw error("'let \(name)' needs a value: let \(name) = ...") }
            return Stmt(.binding(declaration, nil), start)
        case .keyword(.fn):
            if pos + 1 < tokens.count, case .identifier(let name) = tokens[pos + 1].kind {
                advance(); advance()
                let declaration = Declaration(name: name, isConstant: true, location: start)
                let info = try functionRest(name: name, location: start, doc: docComment(above: start.lineNumber))
                return Stmt(.function(declaration, info), start)
            }
        case .keyword(.return):
            advance()
            if check(.newline) || check(.semicolon) || check(.rightBrace) || check(.end) {
                return Stmt(.returnValue(nil), start)
            }
            return Stmt(.returnValue(try expression()), start)
        case .keyword(.break): advance(); return Stmt(.breakLoop, start)
        case .keyword(.continue): advance(); return Stmt(.continueLoop, start)
        case .keyword(.while):
            advance()
            let condition = try head()
            return Stmt(.whileLoop(condition, try block()), start)
        case .keyword(.for):
            advance()
            let nameLocation = here
            let name = try identifier("a loop variable after 'for'")
            guard match(.in) else { throw error("expected 'in' after 'for \(name)', found \(describe(current))") }
            let sequence = try head()
            let declaration = Declaration(name: name, isConstant: false, location: nameLocation)
            return Stmt(.forLoop(declaration, sequence, try block()), start)
        case .keyword(.use):
            advance()
            let nameLocation = here
            let name = try identifier("a module name after 'use'")
            return Stmt(.use(Declaration(name: name, isConstant: true, location: nameLocation), name), start)
        default:
            break
        }
        let expr = try expression()
        let assignOps: [Symbol: AssignOperator?] = [
            .equal: nil, .plusEqual: .add, .minusEqual: .subtract, .starEqual: .multiply, .slashEqual: .divide,
        ]
        if case .symbol(let s) = current.kind, let op = assignOps[s] {
            let opLocation = here
            advance()
            skipNewlines()
            switch expr.kind {
            case .variable, .index, .member: break
            default: throw error("cannot assign to this expression", at: opLocation)
            }
            return Stmt(.assign(expr, op, try expression()), opLocation)
        }
        return Stmt(.expression(expr), start)
    }

    // block := '{' (statement (NEWLINE | ';'))* '}'
    mutating func block() throws -> Block {
        let start = here
        try expect(.leftBrace, "to start a block")
        try enter(); defer { leave() }
        let saved = allowsTrailingBlock
        allowsTrailingBlock = true
        defer { allowsTrailingBlock = saved }
        skipSeparators()
        var statements: [Stmt] = []
        while !check(.rightBrace) {
            if check(.end) { throw error("expected '}' to close the block") }
            statements.append(try statement())
            try endOfStatement()
        }
        advance()
        return Block(statements: statements, location: start)
    }

    // params := '(' (NAME (':' expr)? (',' NAME (':' expr)?)* ','?)? ')' ; then a block
    mutating func functionRest(name: String, location: SourceLocation, doc: String?) throws -> FunctionInfo {
        try expect(.leftParen, "before the parameters")
        var parameters: [Parameter] = []
        var seen = Set<String>()
        while !check(.rightParen) {
            let paramLocation = here
            let pname = try identifier("a parameter name")
            guard seen.insert(pname).inserted else { throw error("duplicate parameter '\(pname)'", at: paramLocation) }
            var defaultValue: Expr? = nil
            if match(.colon) || match(.equal) { defaultValue = try expression() }
            else if parameters.last?.defaultValue != nil {
                throw error("parameter '\(pname)' needs a default because the one before it has one", at: paramLocation)
            }
            parameters.append(Parameter(declaration: Declaration(name: pname, isConstant: false, location: paramLocation),
                                        defaultValue: defaultValue))
            if !match(.comma) { break }
        }
        try expect(.rightParen, "after the parameters")
        return FunctionInfo(name: name, parameters: parameters, body: try block(), location: location, doc: doc)
    }
}

extension SourceLocation {
    var lineNumber: Int { Int(line) }
}
