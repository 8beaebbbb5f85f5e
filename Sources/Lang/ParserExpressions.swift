extension Parser {
    // expr := or ('|>' or)*
    mutating func expression() throws -> Expr {
        try enter(); defer { leave() }
        var left = try orExpr()
        var links = 0
        while continues(with: .symbol(.pipe)) {
            try chainLink(&links)
            let location = here
            advance(); skipNewlines()
            left = Expr(.pipe(left, try orExpr(), PipeInfo()), location)
        }
        return left
    }

    // or := and ('or' and)*
    mutating func orExpr() throws -> Expr {
        var left = try andExpr()
        var links = 0
        while check(.or) {
            try chainLink(&links)
            let location = here
            advance(); skipNewlines()
            left = Expr(.or(left, try andExpr()), location)
        }
        return left
    }

    // and := not ('and' not)*
    mutating func andExpr() throws -> Expr {
        var left = try notExpr()
        var links = 0
        while check(.and) {
            try chainLink(&links)
            let location = here
            advance(); skipNewlines()
            left = Expr(.and(left, try notExpr()), location)
        }
        return left
    }

    // not := 'not' not | comparison
    mutating func notExpr() throws -> Expr {
        if check(.not) {
            let location = here
            advance()
            try enter(); defer { leave() }
            return Expr(.not(try notExpr()), location)
        }
        return try comparison()
    }

    // comparison := range (('==' | '!=' | '<' | '<=' | '>' | '>=') range)?   -- no chaining
    mutating func comparison() throws -> Expr {
        let left = try rangeExpr()
        guard let op = comparisonOperator() else { return left }
        let location = here
        advance(); skipNewlines()
        let right = try rangeExpr()
        if comparisonOperator() != nil { throw error("comparisons cannot be chained; combine them with 'and'") }
        return Expr(.binary(op, left, right), location)
    }

    func comparisonOperator() -> BinaryOperator? {
        guard case .symbol(let s) = current.kind else { return nil }
        switch s {
        case .equalEqual: return .equal
        case .bangEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        default: return nil
        }
    }

    // range := additive (('..<' | '...') additive)?
    mutating func rangeExpr() throws -> Expr {
        let left = try additive()
        if check(.halfOpenRange) || check(.closedRange) {
            let inclusive = check(.closedRange)
            let location = here
            advance(); skipNewlines()
            return Expr(.range(left, try additive(), inclusive: inclusive), location)
        }
        return left
    }

    // additive := multiplicative (('+' | '-') multiplicative)*
    mutating func additive() throws -> Expr {
        var left = try multiplicative()
        var links = 0
        while true {
            try chainLink(&links)
            let op: BinaryOperator
            if check(.plus) { op = .add } else if check(.minus) { op = .subtract } else { return left }
            let location = here
            advance(); skipNewlines()
            left = Expr(.binary(op, left, try multiplicative()), location)
        }
    }

    // multiplicative := unary (('*' | '/' | '//' | '%' | '@') unary)*
    mutating func multiplicative() throws -> Expr {
        var left = try unary()
        var links = 0
        while true {
            try chainLink(&links)
            let op: BinaryOperator
            switch current.kind {
            case .symbol(.star): op = .multiply
            case .symbol(.slash): op = .divide
            case .symbol(.slashSlash): op = .floorDivide
            case .symbol(.percent): op = .modulo
            case .symbol(.at): op = .matmul
            default: return left
            }
            let location = here
            advance(); skipNewlines()
            left = Expr(.binary(op, left, try unary()), location)
        }
    }

    // unary := '-' unary | power
    mutating func unary() throws -> Expr {
        if check(.minus) {
            let location = here
            advance()
            try enter(); defer { leave() }
            let operand = try unary()
            if case .number(let d) = operand.kind { return Expr(.number(-d), location) }
            return Expr(.unary(.negate, operand), location)
        }
        return try power()
    }

    // power := postfix ('**' unary)?        -- right-associative: 2 ** 3 ** 2 == 2 ** 9
    mutating func power() throws -> Expr {
        let base = try postfix()
        if check(.starStar) {
            let location = here
            advance(); skipNewlines()
            try enter(); defer { leave() }
            return Expr(.binary(.power, base, try unary()), location)
        }
        return base
    }

    // postfix := primary ('(' args ')' | '[' expr ']' | '.' NAME)* | NAME block
    mutating func postfix() throws -> Expr {
        var expr = try primary()
        if let call = try trailingBlockCall(expr) { return call }
        var chain = 0
        while true {
            let location = here
            if match(.leftParen) {
                // Calls report errors at the callee (`f` in `f(x)`, `m` in `obj.m(x)`).
                expr = Expr(.call(expr, try bracketed { try $0.arguments() }), expr.location)
            } else if match(.leftBracket) {
                let index = try bracketed { try $0.expression() }
                try expect(.rightBracket, "after the index")
                expr = Expr(.index(expr, index), location)
            } else if continues(with: .symbol(.dot)) {
                advance()
                let dotLocation = here
                let name: String
                switch current.kind {
                case .identifier(let n): name = n
                case .keyword(let k): name = k.rawValue
                default: throw error("expected a member name after '.', found \(describe(current))")
                }
                advance()
                expr = Expr(.member(expr, name), dotLocation)
            } else {
                return expr
            }
            try chainLink(&chain)
        }
    }

    /// `no_grad { ... }`: a name followed on the same line by `{` calls the name with the block as a
    /// function of no parameters, as Swift's trailing closures do. Not in `if`/`while`/`for` heads.
    mutating func trailingBlockCall(_ callee: Expr) throws -> Expr? {
        guard allowsTrailingBlock, case .variable = callee.kind, check(.leftBrace),
              pos > 0, tokens[pos - 1].line == current.line else { return nil }
        let location = here
        try enter(); defer { leave() }
        let body = try block()
        let literal = FunctionInfo(name: "<fn>", parameters: [], body: body, location: location, doc: nil)
        return Expr(.call(callee, [Argument(label: nil, value: Expr(.function(literal), location))]), callee.location)
    }

    // args := (arg (',' arg)* ','?)? ')'    arg := NAME ':' expr | expr
    mutating func arguments() throws -> [Argument] {
        var args: [Argument] = []
        var labels = Set<String>()
        while !check(.rightParen) {
            var label: String? = nil
            if case .identifier(let name) = current.kind, pos + 1 < tokens.count, tokens[pos + 1].kind == .symbol(.colon) {
                guard labels.insert(name).inserted else { throw error("argument '\(name)' is given twice") }
                label = name
                advance(); advance()
            } else if !labels.isEmpty {
                throw error("positional arguments must come before labeled ones")
            }
            args.append(Argument(label: label, value: try expression()))
            if !match(.comma) { break }
        }
        try expect(.rightParen, "to close the argument list")
        return args
    }

    // primary := NUMBER | STRING | NAME | 'true' | 'false' | 'nil' | '(' expr ')' | list | record
    //          | 'fn' params block | 'if' ... | 'try' ... 
    mutating func primary() throws -> Expr {
        let token = current
        let location = here
        switch token.kind {
        case .number(let d): advance(); return Expr(.number(d), location)
        case .string(let s): advance(); return Expr(.string(s), location)
        case .template(let parts): advance(); return Expr(.template(try template(parts)), location)
        case .identifier(let name): advance(); return Expr(.variable(VariableRef(name: name)), location)
        case .keyword(.true): advance(); return Expr(.bool(true), location)
        case .keyword(.false): advance(); return Expr(.bool(false), location)
        case .keyword(.nil): advance(); return Expr(.null, location)
        case .keyword(.fn):
            advance()
            var name = "<fn>"
            if case .identifier(let n) = current.kind { name = n; advance() }
            try enter(); defer { leave() }
            return Expr(.function(try functionRest(name: name, location: location, doc: nil)), location)
        case .keyword(.if): return try ifExpr()
        case .keyword(.try):
            advance()
            let body = try block()
            guard continues(with: .keyword(.catch)) else { throw error("expected 'catch' after the try block") }
            advance()
            var binding: Declaration? = nil
            if case .identifier(let name) = current.kind {
                binding = Declaration(name: name, isConstant: false, location: here)
                advance()
            }
            return Expr(.tryCatch(body, binding, try block()), location)
        case .symbol(.leftParen):
            advance()
            let inner = try bracketed { try $0.expression() }
            try expect(.rightParen, "to close '('")
            return inner
        case .symbol(.leftBracket):
            advance()
            try enter(); defer { leave() }
            var items: [Expr] = []
            while !check(.rightBracket) {
                items.append(try bracketed { try $0.expression() })
                if !match(.comma) { break }
            }
            try expect(.rightBracket, "to close the list")
            return Expr(.list(items), location)
        case .symbol(.leftBrace):
            return try record()
        default:
            throw error("expected an expression, found \(describe(token))")
        }
    }

    // if := 'if' expr block ('else' (if | block))?
    mutating func ifExpr() throws -> Expr {
        let location = here
        advance()
        try enter(); defer { leave() }
        let condition = try head()
        let then = try block()
        var otherwise: Expr? = nil
        if continues(with: .keyword(.else)) {
            advance()
            if check(.if) { otherwise = try ifExpr() }
            else { let b = try block(); otherwise = Expr(.block(b), b.location) }
        }
        return Expr(.ifElse(condition, then, otherwise), location)
    }

    // record := '{' (key ':' expr (',' key ':' expr)* ','?)? '}'     key := NAME | STRING
    mutating func record() throws -> Expr {
        let location = here
        advance()
        try enter(); defer { leave() }
        var fields: [(key: String, value: Expr)] = []
        var seen = Set<String>()
        skipNewlines()
        while !check(.rightBrace) {
            let keyLocation = here
            let key: String
            switch current.kind {
            case .identifier(let n): key = n
            case .keyword(let k): key = k.rawValue
            case .string(let s): key = s
            default: throw error("expected a record key, found \(describe(current))")
            }
            advance()
            try expect(.colon, "after the record key")
            skipNewlines()
            guard seen.insert(key).inserted else { throw error("duplicate key '\(key)' in record", at: keyLocation) }
            fields.append((key, try bracketed { try $0.expression() }))
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        skipNewlines()
        try expect(.rightBrace, "to close the record")
        return Expr(.record(fields), location)
    }

    mutating func template(_ parts: [TemplatePart]) throws -> [TemplatePiece] {
        var pieces: [TemplatePiece] = []
        for part in parts {
            switch part {
            case .text(let s): pieces.append(.text(s))
            case .code(let tokens):
                var sub = Parser(file: file, tokens: tokens, comments: [:], depth: depth)
                try sub.enter()
                let expr = try sub.expression()
                guard case .end = sub.current.kind else {
                    throw sub.error("expected ')' to end the interpolation, found \(sub.describe(sub.current))")
                }
                pieces.append(.expr(expr))
            }
        }
        return pieces
    }
}
