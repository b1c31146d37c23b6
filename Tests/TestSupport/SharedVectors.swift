import Foundation

/// Where the project's shared specs and vectors are: wherever `MINERVA_SHARED` points, else
/// `shared/` beside the repository (how CI and every developer's machine lay it out), else
/// `/work/shared`.
public enum Shared {
    public static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["MINERVA_SHARED"] {
            return URL(fileURLWithPath: path)
        }
        // Tests/TestSupport/SharedVectors.swift → the repository → its sibling "shared".
        let sibling = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
        if FileManager.default.fileExists(atPath: sibling.path) { return sibling }
        // A checkout somewhere else on a project machine: the workplace's own copy.
        return URL(fileURLWithPath: "/work/shared")
    }()

    public static let vectors = root.appendingPathComponent("vectors")

    /// `shared/vectors/<relative>` as a path string.
    public static func vector(_ relative: String) -> String {
        vectors.appendingPathComponent(relative).path
    }
}
