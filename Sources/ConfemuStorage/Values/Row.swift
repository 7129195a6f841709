/// One result row: the column names of its statement and the values, in order. Rows are plain values
/// (Sendable), so a `read`/`write` closure can return them out of the store.
package struct Row: Sendable, Hashable, CustomStringConvertible {
    package let columns: [String]
    package let values: [SQLValue]

    package init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    package var count: Int { values.count }

    /// The value at a 0-based index, nil when out of range.
    package subscript(index: Int) -> SQLValue? {
        values.indices.contains(index) ? values[index] : nil
    }

    /// The value of the first column with this name (exact match first, then ASCII case-insensitive, as SQLite
    /// resolves names), nil when there is no such column.
    package subscript(name: String) -> SQLValue? {
        columnIndex(name).map { values[$0] }
    }

    package func columnIndex(_ name: String) -> Int? {
        if let exact = columns.firstIndex(of: name), values.indices.contains(exact) {
            return exact
        }
        let folded = name.lowercased()
        if let loose = columns.firstIndex(where: { $0.lowercased() == folded }), values.indices.contains(loose) {
            return loose
        }
        return nil
    }

    /// The value of a column, throwing `typeMismatch` when the row has no such column.
    package func value(_ name: String) throws -> SQLValue {
        guard let value = self[name] else {
            let known = columns.joined(separator: ", ")
            throw StorageError(kind: .typeMismatch, message: "no column named \(name) in row (\(known))")
        }
        return value
    }

    package func value(_ index: Int) throws -> SQLValue {
        guard let value = self[index] else {
            throw StorageError(kind: .typeMismatch, message: "no column at index \(index) in a row of \(count)")
        }
        return value
    }

    package var description: String {
        "[" + zip(columns, values).map { "\($0): \($1)" }.joined(separator: ", ") + "]"
    }
}
