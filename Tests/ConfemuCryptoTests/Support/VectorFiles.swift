import Foundation

// Reads the JSON files of fixtures/vectors/ (architecture.md §1). The folder is found from this source file:
// up to the package root (the first ancestor holding Package.swift), then fixtures/vectors; or, when the
// environment names one, $CONFEMU_FIXTURES_DIR/vectors.
enum VectorFiles {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static func load<File: Decodable>(_ type: File.Type, from name: String,
                                      filePath: String = #filePath) throws -> File {
        let url = try directory(filePath: filePath).appendingPathComponent(name)
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    static func directory(filePath: String = #filePath) throws -> URL {
        if let override = ProcessInfo.processInfo.environment["CONFEMU_FIXTURES_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override).appendingPathComponent("vectors")
        }
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder.appendingPathComponent("fixtures").appendingPathComponent("vectors")
            }
            folder = folder.deletingLastPathComponent()
        }
        throw Missing(description: "no Package.swift above \(filePath); set CONFEMU_FIXTURES_DIR")
    }
}
