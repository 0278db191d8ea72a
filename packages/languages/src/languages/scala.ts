import { defineLanguage } from "../declaration";
import { JVM_ADDRESS_SPACE_HEADROOM, JVM_COMPILER_FLAGS, JVM_OUT_OF_MEMORY, JVM_RUN_FLAGS } from "../jvm";

/** Debian's scala package (Scala 2.11). */
const lib = (jar: string) => `/usr/share/scala/lib/${jar}`;
const COMPILER_JARS = ["scala-compiler.jar", "scala-library.jar", "scala-reflect.jar"].map(lib);
const RUNTIME_JARS = ["scala-library.jar"].map(lib);

// scalac on `java` directly, with the flags and class-data archive every JVM compiler here gets
// (Debian's `scalac` script would add its own heap limit). -usejavacp: programs compile against
// the library on the compiler's own class path.
const SCALAC_ARGS = [...JVM_COMPILER_FLAGS, "-cp", COMPILER_JARS.join(":"), "scala.tools.nsc.Main", "-usejavacp"];

/** A program that touches what most programs use: collections, closures, strings, standard input. */
const WARM_UP = `import scala.collection.mutable

case class Point(x: Int, y: Int)

object Main {
  def main(args: Array[String]): Unit = {
    val line = Option(scala.io.StdIn.readLine()).getOrElse("b a c")
    val words = line.trim.split("\\\\s+").toList
    val counts = mutable.Map[String, Int]().withDefaultValue(0)
    words.foreach(w => counts(w) += 1)
    val points = words.zipWithIndex.map { case (w, i) => Point(i, w.length) }.sortBy(p => (-p.y, p.x))
    println(counts.toSeq.sorted.map { case (w, c) => s"$w=$c" }.mkString(" ") + " " + points.head + " " + Vector(3, 1, 2).sorted.mkString(","))
  }
}
`;

/** Compiled to classes in the work directory and run by a plain JVM start with the Scala library. */
export const scala = defineLanguage({
  id: "scala",
  name: "Scala",
  aliases: ["scalac"],
  extraFenceTags: ["sc"],
  autoCodeBench: "scala",
  sourceFile: "main.scala",
  compile: { argv: ["java", ...SCALAC_ARGS, "-d", ".", "{file}"], limits: { wallSeconds: 60 } },
  // An archive of scalac's own classes takes a quarter to a third off a small program's compile.
  compilerCache: {
    files: { "main.scala": WARM_UP },
    build: ["java", "-XX:ArchiveClassesAtExit={output}", ...SCALAC_ARGS, "-d", ".", "main.scala"],
    artifact: "scalac.jsa",
    use: ["-XX:SharedArchiveFile={dir}/scalac.jsa"],
  },
  run: ["java", ...JVM_RUN_FLAGS, "-cp", [".", ...RUNTIME_JARS].join(":"), "{main}"],
  addressSpaceHeadroom: JVM_ADDRESS_SPACE_HEADROOM,
  outOfMemory: JVM_OUT_OF_MEMORY,
  // The compiler's jar and the library stand for the rest of the package.
  toolchain: { version: ["scalac", "-version"], packages: ["scala"], files: [lib("scala-compiler.jar"), lib("scala-library.jar")] },
});
