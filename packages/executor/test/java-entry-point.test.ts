import { describe, expect, it } from "vitest";
import { javaEntryPoint } from "../src/languages/java-entry-point";

describe("where a Java program is written and which class runs", () => {
  it("uses the public class for both", () => {
    expect(javaEntryPoint("public class Solution { public static void main(String[] a) {} }")).toEqual({
      sourceFile: "Solution.java",
      main: "Solution",
    });
  });

  it("runs the class that declares main when it is not public (MultiPL-E)", () => {
    const source = "import java.util.*;\nclass Problem {\n  static int f() { return 1; }\n  public static void main(String[] args) { assert f() == 1; }\n}\n";
    expect(javaEntryPoint(source)).toEqual({ sourceFile: "Problem.java", main: "Problem" });
  });

  it("is not misled by nested classes, comments or strings", () => {
    const source = [
      "// class Decoy { public static void main(String[] a) {} }",
      "import java.io.*;",
      "class Helper { static String s = \"class Fake {\"; }",
      "public class Main {",
      "  static class Reader { int next() { return 0; } }",
      "  public static void main(String[] args) { System.out.println('{'); }",
      "}",
    ].join("\n");
    expect(javaEntryPoint(source)).toEqual({ sourceFile: "Main.java", main: "Main" });
  });

  it("falls back to Main", () => {
    expect(javaEntryPoint("interface Nothing {}")).toEqual({ sourceFile: "Main.java", main: "Main" });
  });
});
