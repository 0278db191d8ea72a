import { defineLanguage } from "../declaration";
import { JVM_ADDRESS_SPACE_HEADROOM, JVM_COMPILER_FLAGS, JVM_OUT_OF_MEMORY, JVM_RUN_FLAGS } from "../jvm";

/** Debian's kotlin package: the compiler and its runtime libraries. */
const HOME = "/usr/share/kotlin/kotlinc";
const lib = (jar: string) => `${HOME}/lib/${jar}`;
const COMPILER_JARS = ["kotlin-compiler.jar", "trove4j.jar", "kotlin-stdlib.jar", "kotlin-reflect.jar", "kotlin-script-runtime.jar", "annotations-13.0.jar"].map(lib);
/** What compiled programs may use: kotlinc compiles against the standard library and reflection. */
const RUNTIME_JARS = ["kotlin-stdlib.jar", "kotlin-stdlib-jdk7.jar", "kotlin-stdlib-jdk8.jar", "kotlin-reflect.jar"].map(lib);

// kotlinc is started on `java` directly rather than through Debian's `kotlinc` script, whose
// preloader defines the compiler's classes from memory, where a class-data archive cannot reach.
const KOTLINC_ARGS = [...JVM_COMPILER_FLAGS, "-cp", COMPILER_JARS.join(":"), "org.jetbrains.kotlin.cli.jvm.K2JVMCompiler", "-kotlin-home", HOME];

/** A program that touches what most programs use: collections, lambdas, strings, standard input. */
const WARM_UP = `data class Point(val x: Int, val y: Int)

fun main() {
    val words = (readLine() ?: "b a c").trim().split(Regex("\\\\s+"))
    val counts = words.groupingBy { it }.eachCount().toSortedMap()
    val points = words.mapIndexed { i, w -> Point(i, w.length) }.sortedWith(compareBy({ -it.y }, { it.x }))
    val sb = StringBuilder()
    for ((word, count) in counts) sb.append("$word=$count ")
    println(sb.toString().trim() + " " + points.maxBy { it.y } + " " + mutableListOf(3, 1, 2).sorted().joinToString(","))
}
`;

/**
 * Compiled to classes in the work directory and run by a plain JVM start, like Java. Kotlin's
 * `assert` checks only when the JVM's assertions are enabled, hence -ea.
 */
export const kotlin = defineLanguage({
  id: "kotlin",
  name: "Kotlin",
  aliases: ["kt", "kotlinc"],
  extraFenceTags: ["kts"],
  autoCodeBench: "kotlin",
  sourceFile: "main.kt",
  compile: { argv: ["java", ...KOTLINC_ARGS, "-d", ".", "{file}"], limits: { wallSeconds: 60 } },
  // An archive of kotlinc's own classes takes a quarter to a third off a small program's compile.
  compilerCache: {
    files: { "main.kt": WARM_UP },
    build: ["java", "-XX:ArchiveClassesAtExit={output}", ...KOTLINC_ARGS, "-d", ".", "main.kt"],
    artifact: "kotlinc.jsa",
    use: ["-XX:SharedArchiveFile={dir}/kotlinc.jsa"],
  },
  run: ["java", ...JVM_RUN_FLAGS, "-ea", "-cp", [".", ...RUNTIME_JARS].join(":"), "{main}"],
  addressSpaceHeadroom: JVM_ADDRESS_SPACE_HEADROOM,
  outOfMemory: JVM_OUT_OF_MEMORY,
  toolchain: {
    // Debian's script, quiet about the JVM flag it passes that JDK 17 deprecates.
    version: ["kotlinc", "-J-XX:-PrintWarnings", "-version"],
    packages: ["kotlin"],
    // The compiler's jar and the standard library stand for the rest of the package.
    files: [lib("kotlin-compiler.jar"), lib("kotlin-stdlib.jar")],
  },
});
