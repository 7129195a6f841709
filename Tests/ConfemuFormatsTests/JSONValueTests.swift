import ConfemuFormats
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test("literals build every case")
    func literals() {
        let value: JSONValue = ["n": nil, "b": true, "i": 45, "d": 1.5, "s": "x", "a": [1, "two"], "o": [:]]
        #expect(value["n"] == .null)
        #expect(value["b"] == .bool(true))
        #expect(value["i"] == .number(.integer(45)))
        #expect(value["d"] == .number(.double(1.5)))
        #expect(value["s"] == .string("x"))
        #expect(value["a"] == .array([.number(.integer(1)), .string("two")]))
        #expect(value["o"] == .object([]))
        #expect(value.keys == ["n", "b", "i", "d", "s", "a", "o"])
    }

    @Test("a dictionary literal keeps the written order, and a repeated key its first position")
    func dictionaryLiteralOrder() {
        let value: JSONValue = ["z": 1, "a": 2, "z": 3]
        #expect(value.keys == ["z", "a"])
        #expect(value["z"] == 3)
    }

    @Test("accessors return nil for other kinds")
    func accessors() {
        let string: JSONValue = "x"
        #expect(string.stringValue == "x")
        #expect(string.intValue == nil)
        #expect(string.boolValue == nil)
        #expect(string.arrayValue == nil)
        #expect(string.objectValue == nil)
        #expect(string["k"] == nil)
        #expect(string[0] == nil)
        #expect(!string.isNull)
        #expect(string.count == nil)
        let number: JSONValue = 7
        #expect(number.intValue == 7)
        #expect(number.int64Value == 7)
        #expect(number.doubleValue == 7)
        #expect(number.stringValue == nil)
        #expect(JSONValue.double(2.5).intValue == nil)
        #expect(JSONValue.double(1e300).intValue == nil)
        #expect(JSONValue.double(.nan).intValue == nil)
        #expect(JSONValue.null.isNull)
        #expect(JSONValue.bool(false).boolValue == false)
    }

    @Test("type names follow JavaScript wording")
    func typeNames() {
        let values: [JSONValue] = [nil, true, 1, "s", [], [:]]
        #expect(values.map(\.typeName) == ["null", "boolean", "number", "string", "array", "object"])
    }

    @Test("index subscript is safe out of range")
    func indexSubscript() {
        let value: JSONValue = [10, 20]
        #expect(value[0] == 10)
        #expect(value[1] == 20)
        #expect(value[2] == nil)
        #expect(value[-1] == nil)
        #expect(value.count == 2)
    }

    @Test("path subscript walks keys and indexes")
    func pathSubscript() {
        let value: JSONValue = ["a": [["b": "deep"]]]
        #expect(value[path: "a", 0, "b"] == "deep")
        #expect(value[path: "a", 1, "b"] == nil)
        #expect(value[path: "x"] == nil)
    }

    @Test("set keeps the position of an existing key and appends a new one")
    func setKeepsPosition() {
        var value: JSONValue = ["a": 1, "b": 2, "c": 3]
        let replaced = value.set("b", "two")
        let appended = value.set("d", 4)
        #expect(replaced && appended)
        #expect(value.jsonString() == #"{"a":1,"b":"two","c":3,"d":4}"#)
        value["a"] = false
        value["e"] = nil
        #expect(value.jsonString() == #"{"a":false,"b":"two","c":3,"d":4}"#)
    }

    @Test("removeValue returns the removed value and keeps the others in order")
    func remove() {
        var value: JSONValue = ["a": 1, "b": 2, "c": 3]
        let removed = value.removeValue(forKey: "b")
        let absent = value.removeValue(forKey: "zz")
        #expect(removed == 2)
        #expect(absent == nil)
        #expect(value.keys == ["a", "c"])
        value["a"] = nil
        #expect(value.keys == ["c"])
    }

    @Test("mutations on the wrong kind change nothing")
    func wrongKindMutations() {
        var array: JSONValue = [1]
        let setOnArray = array.set("k", 1)
        let removedFromArray = array.removeValue(forKey: "k")
        let appendedToArray = array.append(2)
        #expect(!setOnArray)
        #expect(removedFromArray == nil)
        #expect(appendedToArray)
        #expect(array == [1, 2])
        var object: JSONValue = [:]
        let appendedToObject = object.append(1)
        #expect(!appendedToObject)
        #expect(object == [:])
        object["k"] = 1
        #expect(object == ["k": 1])
    }

    @Test("mutating a copy leaves the original alone")
    func valueSemantics() {
        let original: JSONValue = ["a": [1]]
        var copy = original
        copy["a"] = "changed"
        #expect(original["a"] == [1])
        #expect(copy["a"] == "changed")
    }

    @Test("the object builder writes members in order, with conditionals and loops")
    func builder() {
        let hint: String? = "use the command"
        let missing: String? = nil
        let users = ["a@x.de", "b@x.de"]
        let uid = "0cc175b9"
        let value = JSONValue.makeObject {
            ("error", false)
            ("uid", uid)
            ("count", 2)
            ("ratio", 0.5)
            ("raw", .array([]))
            if let hint { ("hint", hint) }
            if let missing { ("missing", missing) }
            for (index, user) in users.enumerated() { ("user\(index)", user) }
            if users.isEmpty { ("empty", true) } else { ("empty", false) }
            ("error", true)
        }
        #expect(value.jsonString()
            == #"{"error":true,"uid":"0cc175b9","count":2,"ratio":0.5,"raw":[],"hint":"use the command","user0":"a@x.de","user1":"b@x.de","empty":false}"#)
    }

    @Test("optional initialisers give null for nil")
    func optionalInits() {
        let none: String? = nil
        #expect(JSONValue(none) == .null)
        #expect(JSONValue("x" as String?) == "x")
        #expect(JSONValue(Int?.none) == .null)
        #expect(JSONValue(5 as Int?) == 5)
        #expect(JSONValue(Int64(5) as Int64?) == 5)
        #expect(JSONValue(Bool?.none) == .null)
        #expect(JSONValue(0.25 as Double?) == 0.25)
        #expect(JSONValue(["a", "b"]) == ["a", "b"])
        #expect(JSONValue(members: [("a", 1), ("a", 2)]) == ["a": 2])
        #expect(JSONValue.integer(UInt64.max) == .number(.double(18_446_744_073_709_551_616)))
    }

    @Test("equality is order-sensitive, equivalence is not")
    func equality() {
        let a: JSONValue = ["x": 1, "y": ["p": 1, "q": 2]]
        let b: JSONValue = ["y": ["q": 2, "p": 1], "x": 1]
        #expect(a != b)
        #expect(a.isEquivalent(to: b))
        #expect(!a.isEquivalent(to: ["x": 1, "y": ["p": 1]]))
        #expect(!a.isEquivalent(to: ["x": 1, "z": ["p": 1, "q": 2]]))
        #expect(JSONValue.number(.integer(1)) == .number(.double(1.0)))
        #expect(JSONValue.number(.integer(1)) != .number(.double(1.5)))
        #expect(JSONValue.number(.double(.nan)) != .number(.double(.nan)))
        #expect(JSONValue.string("1") != 1)
    }

    @Test("JavaScript property order moves array-index keys first")
    func javaScriptOrder() throws {
        let value = try JSONValue(parsing: #"{"b":1,"2":2,"1":3,"01":4,"-1":5,"4294967295":6,"4294967294":7,"x":{"9":1,"a":2}}"#)
        #expect(value.withJavaScriptPropertyOrder().jsonString()
            == #"{"1":3,"2":2,"4294967294":7,"b":1,"01":4,"-1":5,"4294967295":6,"x":{"9":1,"a":2}}"#)
    }

    @Test("description is compact standard JSON")
    func description() {
        let value: JSONValue = ["a": "/é"]
        #expect(value.description == #"{"a":"/é"}"#)
        #expect("\(value)" == #"{"a":"/é"}"#)
    }
}
