import { describe, expect, it } from "vitest";
import { kotlinEntryPoint } from "../src/languages/kotlin-entry-point";
import { scalaEntryPoint } from "../src/languages/scala-entry-point";

describe("which class runs a Kotlin program", () => {
  it("runs the file class of a top-level main", () => {
    expect(kotlinEntryPoint("data class P(val x: Int)\n\nfun main() {\n    println(P(1))\n}\n")).toEqual({ main: "MainKt" });
  });

  it("follows @file:JvmName", () => {
    expect(kotlinEntryPoint('@file:JvmName("Solution")\n\nfun main() {}\n').main).toBe("Solution");
  });

  it("runs the object or class whose companion declares main", () => {
    expect(kotlinEntryPoint("object App {\n    @JvmStatic fun main(args: Array<String>) {}\n}\n").main).toBe("App");
    const companion = "class Helper { fun main() {} }\nclass Solution {\n    companion object {\n        @JvmStatic fun main(args: Array<String>) {}\n    }\n}\n";
    expect(kotlinEntryPoint(companion).main).toBe("Solution");
  });

  it("prefers a top-level main, and is not misled by comments or strings", () => {
    const source = '// object Decoy { fun main() {} }\nclass Helper { fun main() = "fun main(" }\nfun main() { println("{") }\n';
    expect(kotlinEntryPoint(source).main).toBe("MainKt");
  });
});

describe("which object runs a Scala program", () => {
  it("runs the object that declares main", () => {
    const source = "case class P(x: Int)\nclass Helper { def main(a: Array[String]): Unit = () }\nobject Solution {\n  def main(args: Array[String]): Unit = println(P(1))\n}\n";
    expect(scalaEntryPoint(source)).toEqual({ main: "Solution" });
  });

  it("runs an object that extends App", () => {
    expect(scalaEntryPoint("object Program extends App {\n  println(\"object Main\")\n}\n").main).toBe("Program");
  });

  it("falls back to Main", () => {
    expect(scalaEntryPoint("class Nothing\n").main).toBe("Main");
  });
});
