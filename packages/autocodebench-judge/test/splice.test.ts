import { describe, expect, it } from "vitest";
import { spliceAutoCodeBench } from "../src";

const lines = (...parts: string[]) => parts.join("\n");

describe("spliceAutoCodeBench", () => {
  describe("Go", () => {
    it("merges both parts' imports into one block, drops the unused ones and adds a main for demoTesting", () => {
      const code = lines("package main", "", "import (", '\t"os"', '\t"strings"', ")", "", "func Shout(s string) string {", '\treturn strings.ToUpper(s) + "!"', "}");
      const tests = lines("package main", "", 'import "fmt"', "", "func demoTesting() {", '\tfmt.Println(Shout("hi"))', "}");
      expect(spliceAutoCodeBench("go", code, tests)).toBe(
        lines(
          "package main",
          "import (",
          '    "fmt"',
          '    "strings"',
          ")",
          "",
          "func Shout(s string) string {",
          '\treturn strings.ToUpper(s) + "!"',
          "}",
          "",
          "func demoTesting() {",
          '\tfmt.Println(Shout("hi"))',
          "}",
          "",
          "func main() {demoTesting()}",
        ),
      );
    });

    it("calls fullTesting when the tests define only that", () => {
      const merged = spliceAutoCodeBench("go", "package main\n\nfunc One() int { return 1 }", "package main\n\nfunc fullTesting() { _ = One() }");
      expect(merged).toBe(lines("package main", "", "", "func One() int { return 1 }", "", "func fullTesting() { _ = One() }", "", "func main() {fullTesting()}"));
    });

    it("adds no main to `go test` functions", () => {
      const tests = lines("package main", "", 'import "testing"', "", "func TestOne(t *testing.T) {", "\tif One() != 1 {", '\t\tt.Error("One")', "\t}", "}");
      expect(spliceAutoCodeBench("go", "package main\n\nfunc One() int { return 1 }", tests)).toBe(
        lines("package main", "import (", '    "testing"', ")", "", "func One() int { return 1 }", "", "func TestOne(t *testing.T) {", "\tif One() != 1 {", '\t\tt.Error("One")', "\t}", "}"),
      );
    });
  });

  it("Java: classes become package-private, package lines go, and both parts' imports are hoisted once", () => {
    const code = lines("package demo;", "", "import java.util.List;", "", "public class Greeter {", "    public static String greet(String name) {", '        return "Hi " + name;', "    }", "}");
    const tests = lines(
      "import org.junit.jupiter.api.Test;",
      "import java.util.List;",
      "import static org.junit.jupiter.api.Assertions.assertEquals;",
      "",
      "class GreeterTest {",
      "    @Test",
      "    public void greets() {",
      '        assertEquals("Hi Ada", Greeter.greet("Ada"));',
      "    }",
      "}",
    );
    expect(spliceAutoCodeBench("java", code, tests)).toBe(
      lines(
        "import java.util.List;",
        "import org.junit.jupiter.api.Test;",
        "import static org.junit.jupiter.api.Assertions.assertEquals;",
        "",
        "",
        "class Greeter {",
        "    public static String greet(String name) {",
        '        return "Hi " + name;',
        "    }",
        "}",
        "",
        "class GreeterTest {",
        "    @Test",
        "    public void greets() {",
        '        assertEquals("Hi Ada", Greeter.greet("Ada"));',
        "    }",
        "}",
      ),
    );
  });

  describe("C#", () => {
    it("hoists usings, makes bare static members public and renames RunTests to Main when there is no Main", () => {
      const code = lines("using System;", "using System.Linq;", "", "public class Scores", "{", "    static int Best(int[] xs) => xs.Max();", "    private static int Worst(int[] xs) => xs.Min();", "}");
      const tests = lines("using System;", "using System.Diagnostics;", "", "class Program", "{", "    static void RunTests()", "    {", "        Debug.Assert(Scores.Best(new[] { 2, 1 }) == 2);", "    }", "}");
      expect(spliceAutoCodeBench("c#", code, tests)).toBe(
        lines(
          "using System.Diagnostics;",
          "using System.Linq;",
          "using System;",
          "",
          "public class Scores",
          "{",
          "    public static int Best(int[] xs) => xs.Max();",
          "    private static int Worst(int[] xs) => xs.Min();",
          "}",
          "",
          "class Program",
          "{",
          "    public static void Main()",
          "    {",
          "        Debug.Assert(Scores.Best(new[] { 2, 1 }) == 2);",
          "    }",
          "}",
        ),
      );
    });

    it("keeps RunTests when the tests have their own Main", () => {
      const tests = lines("class Program", "{", "    static void RunTests() { }", "    public static void Main() { RunTests(); }", "}");
      expect(spliceAutoCodeBench("c#", "class A { }", tests)).toBe(
        lines("class A { }", "", "class Program", "{", "    public static void RunTests() { }", "    public static void Main() { RunTests(); }", "}"),
      );
    });
  });

  describe("JavaScript", () => {
    it("appends a call of demoTesting when the tests only define it", () => {
      const tests = lines("const assert = require('assert');", "", "const demoTesting = () => {", "    assert.strictEqual(one(), 1);", "};");
      expect(spliceAutoCodeBench("javascript", "function one() { return 1; }", tests)).toBe(`function one() { return 1; }\n${tests}\n\ndemoTesting()`);
    });

    it("does not call the entry point a second time when the tests end with its call", () => {
      const tests = lines("function fullTesting() {", "    if (one() !== 1) console.log('Test failed');", "}", "", "fullTesting()");
      expect(spliceAutoCodeBench("javascript", "function one() { return 1; }", tests)).toBe(`function one() { return 1; }\n${tests}`);
    });

    it("calls fullTesting when that is the entry point, and nothing when there is none", () => {
      expect(spliceAutoCodeBench("javascript", "const x = 1;", "function fullTesting() {}")).toBe("const x = 1;\nfunction fullTesting() {}\n\nfullTesting()");
      expect(spliceAutoCodeBench("javascript", "const x = 1;", "console.log(x);")).toBe("const x = 1;\nconsole.log(x);");
    });
  });

  it("C++: the solution is cut at its first `int main`, after <iostream> and `using namespace std`", () => {
    const code = lines("#include <vector>", "int twice(int x) { return 2 * x; }", "", "int main() {", "    return twice(1);", "}", "");
    const tests = lines("#include <cassert>", "int main() { assert(twice(2) == 4); }");
    expect(spliceAutoCodeBench("cpp", code, tests)).toBe(
      lines("#include <iostream>", "using namespace std;", "#include <vector>", "int twice(int x) { return 2 * x; }", "", "", "#include <cassert>", "int main() { assert(twice(2) == 4); }"),
    );
  });

  describe("PHP", () => {
    it("keeps the solution's opening tag and the tests' closing tag", () => {
      const code = lines("<?php", "function add($a, $b) { return $a + $b; }", "?>");
      const tests = lines("<?php", "assert(add(1, 2) === 3);", "?>");
      expect(spliceAutoCodeBench("php", code, tests)).toBe(lines("<?php", "function add($a, $b) { return $a + $b; }", "assert(add(1, 2) === 3);", "?>", ""));
    });

    it("opens a solution that has no tag", () => {
      expect(spliceAutoCodeBench("php", "function one() { return 1; }", "<?php\nassert(one() === 1);\n?>")).toBe(lines("<?php", "function one() { return 1; }", "assert(one() === 1);", "?>", ""));
    });
  });

  describe("Racket", () => {
    it("keeps the solution's #lang line only", () => {
      const tests = lines("#lang racket", "(require rackunit)", "(check-equal? (inc 1) 2)");
      expect(spliceAutoCodeBench("racket", "#lang racket/base\n(define (inc x) (+ x 1))", tests)).toBe(
        lines("#lang racket/base", "", "(define (inc x) (+ x 1))", "", "(require rackunit)", "(check-equal? (inc 1) 2)", ""),
      );
    });

    it("uses #lang racket when the solution has none", () => {
      expect(spliceAutoCodeBench("racket", "(define one 1)", "#lang racket\n(displayln one)")).toBe(lines("#lang racket", "", "(define one 1)", "", "(displayln one)", ""));
    });
  });

  it("Kotlin: both parts' imports, deduplicated and sorted, go on top", () => {
    const code = lines("import kotlin.math.max", "", "fun biggest(a: Int, b: Int) = max(a, b)");
    const tests = lines("import kotlin.math.abs", "import kotlin.math.max", "", "fun main() {", "    check(biggest(1, 2) == abs(-2))", "}", "", "main()");
    expect(spliceAutoCodeBench("kotlin", code, tests)).toBe(
      lines("import kotlin.math.abs", "import kotlin.math.max", "", "fun biggest(a: Int, b: Int) = max(a, b)", "", "fun main() {", "    check(biggest(1, 2) == abs(-2))", "}", "", "main()"),
    );
  });

  it("Dart: both parts' imports, deduplicated and sorted, go on top", () => {
    const code = lines("import 'dart:math';", "", "int biggest(List<int> xs) => xs.reduce(max);");
    const tests = lines("import 'dart:math';", "import 'dart:collection';", "", "void main() {", "  assert(biggest([1, 3]) == 3);", "}");
    expect(spliceAutoCodeBench("dart", code, tests)).toBe(
      lines("import 'dart:collection';", "import 'dart:math';", "", "int biggest(List<int> xs) => xs.reduce(max);", "", "void main() {", "  assert(biggest([1, 3]) == 3);", "}"),
    );
  });

  describe("Swift", () => {
    it("imports Foundation and Glibc for a solution that uses a math function", () => {
      const code = "func hyp(_ a: Double, _ b: Double) -> Double { sqrt(a * a + b * b) }";
      expect(spliceAutoCodeBench("swift", code, "assert(hyp(3, 4) == 5)")).toBe(lines("import Foundation", "import Glibc", "", code, "assert(hyp(3, 4) == 5)"));
    });

    it("adds only the import that is missing", () => {
      const code = "import Foundation\nfunc cube(_ x: Double) -> Double { pow(x, 3) }";
      expect(spliceAutoCodeBench("swift", code, "assert(cube(2) == 8)")).toBe(lines("import Glibc", "", code, "assert(cube(2) == 8)"));
    });

    it("leaves a solution without math functions alone", () => {
      expect(spliceAutoCodeBench("swift", "func one() -> Int { 1 }", "assert(one() == 1)")).toBe("func one() -> Int { 1 }\nassert(one() == 1)");
    });
  });

  it("joins the other languages' parts with a newline", () => {
    expect(spliceAutoCodeBench("python", "def one():\n    return 1", "assert one() == 1")).toBe("def one():\n    return 1\nassert one() == 1");
    expect(spliceAutoCodeBench("ruby", "def one = 1", "raise 'Test failed' unless one == 1")).toBe("def one = 1\nraise 'Test failed' unless one == 1");
  });
});
