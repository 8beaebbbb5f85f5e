import Engine

/// `xs.split(train: 0.8, seed: 1, stratify: "category")`: a seeded train/test split of a list (a
/// data set from `data.load`, or any list), optionally stratified by a field of its records so that
/// every category keeps its share in both parts. Both parts keep the list's order.
enum ListSplitMethods {
    static let table: [String: MethodEntry] = [
        "split": MethodEntry(help: "xs.split(train: 0.8, seed: 0, stratify: \"category\"): {train, test}, a seeded split; stratify: a record field, split within each of its values") { _, recv, args in
            try args.expect(0, 0, labels: ["train", "seed", "stratify"])
            let items = ListMethods.items(recv).items
            let fraction = args["train"] == nil ? 0.8 : try args.number(SelfPlayConversions.labelOnly, "train")
            let seed = try SelfPlayConversions.randomSeed(args, SelfPlayConversions.labelOnly, "seed", default: 0)
            var groups = Array(repeating: "", count: items.count)
            if args["stratify"] != nil {
                let field = try args.string(SelfPlayConversions.labelOnly, "stratify")
                groups = try items.enumerated().map { i, item in
                    guard case .record(let r) = item, let v = r[field] else {
                        throw ScriptError("list.split: item \(i + 1) has no field '\(field)' to stratify by")
                    }
                    return v.repr
                }
            }
            let parts = try DataSplit.indices(groups: groups, train: fraction, seed: seed)
            return .record([
                ("train", .list(ListObject(parts.train.map { items[$0] }))),
                ("test", .list(ListObject(parts.test.map { items[$0] }))),
            ])
        },
    ]
}
