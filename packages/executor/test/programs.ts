/** The same four programs in every language the executor knows. Each reads two integers per run. */
export interface LanguagePrograms {
  /** Prints a + b. */
  sum: string;
  /** Prints a - b: right only when b is 0. */
  difference: string;
  /** Does not compile (or, for interpreted languages, does not parse). */
  broken: string;
  /** Never ends. */
  loop: string;
}

export const PROGRAMS: Record<string, LanguagePrograms> = {
  python: {
    sum: "a, b = map(int, input().split())\nprint(a + b)\n",
    difference: "a, b = map(int, input().split())\nprint(a - b)\n",
    broken: "def main(:\n    pass\n",
    loop: "while True:\n    pass\n",
  },
  javascript: {
    sum: 'const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n',
    difference: 'const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(a - b);\n',
    broken: "const x = ;\n",
    loop: "for (;;) {}\n",
  },
  typescript: {
    sum: 'const [a, b]: number[] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n',
    difference: 'const [a, b]: number[] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(a - b);\n',
    broken: "const x: number = ;\n",
    loop: "for (;;) {}\n",
  },
  c: {
    sum: '#include <stdio.h>\nint main(void) { long long a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", a + b); return 0; }\n',
    difference: '#include <stdio.h>\nint main(void) { long long a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", a - b); return 0; }\n',
    broken: "int main(void) { return 0 }\n",
    loop: "int main(void) { volatile int x = 0; for (;;) x++; }\n",
  },
  cpp: {
    sum: "#include <bits/stdc++.h>\nusing namespace std;\nint main() { long long a, b; cin >> a >> b; cout << a + b << endl; }\n",
    difference: "#include <bits/stdc++.h>\nusing namespace std;\nint main() { long long a, b; cin >> a >> b; cout << a - b << endl; }\n",
    broken: "#include <bits/stdc++.h>\nint main() { std::vector<int> v = 1; }\n",
    loop: "int main() { volatile int x = 0; for (;;) x++; }\n",
  },
  java: {
    sum: "import java.util.*;\npublic class Sum {\n  public static void main(String[] args) {\n    Scanner in = new Scanner(System.in);\n    System.out.println(in.nextLong() + in.nextLong());\n  }\n}\n",
    difference: "import java.util.*;\nclass Main {\n  public static void main(String[] args) {\n    Scanner in = new Scanner(System.in);\n    System.out.println(in.nextLong() - in.nextLong());\n  }\n}\n",
    broken: "public class Main { public static void main(String[] args) { int x = \"s\"; } }\n",
    loop: "public class Main { public static void main(String[] args) { long x = 0; while (true) x++; } }\n",
  },
  go: {
    sum: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}\n',
    difference: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a - b)\n}\n',
    broken: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tx := 1\n}\n',
    loop: "package main\n\nfunc main() {\n\tx := 0\n\tfor {\n\t\tx++\n\t}\n}\n",
  },
  rust: {
    sum: "use std::io::Read;\nfn main() {\n    let mut s = String::new();\n    std::io::stdin().read_to_string(&mut s).unwrap();\n    let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();\n    println!(\"{}\", v[0] + v[1]);\n}\n",
    difference: "use std::io::Read;\nfn main() {\n    let mut s = String::new();\n    std::io::stdin().read_to_string(&mut s).unwrap();\n    let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();\n    println!(\"{}\", v[0] - v[1]);\n}\n",
    broken: "fn main() {\n    let x: i32 = \"s\";\n}\n",
    loop: "fn main() {\n    loop {}\n}\n",
  },
  csharp: {
    sum: "using System;\nclass Program {\n  static void Main() {\n    var t = Console.In.ReadToEnd().Split((char[])null, StringSplitOptions.RemoveEmptyEntries);\n    Console.WriteLine(long.Parse(t[0]) + long.Parse(t[1]));\n  }\n}\n",
    difference: "using System;\nclass Program {\n  static void Main() {\n    var t = Console.In.ReadToEnd().Split((char[])null, StringSplitOptions.RemoveEmptyEntries);\n    Console.WriteLine(long.Parse(t[0]) - long.Parse(t[1]));\n  }\n}\n",
    broken: "class Program { static void Main() { int x = \"s\"; } }\n",
    loop: "class Program { static void Main() { long x = 0; while (true) x++; } }\n",
  },
  php: {
    sum: '<?php\n[$a, $b] = array_map("intval", preg_split("/\\s+/", trim(stream_get_contents(STDIN))));\necho $a + $b, "\\n";\n',
    difference: '<?php\n[$a, $b] = array_map("intval", preg_split("/\\s+/", trim(stream_get_contents(STDIN))));\necho $a - $b, "\\n";\n',
    broken: "<?php\n$x = ;\n",
    loop: "<?php\nwhile (true) {}\n",
  },
  ruby: {
    sum: "a, b = STDIN.read.split.map(&:to_i)\nputs a + b\n",
    difference: "a, b = STDIN.read.split.map(&:to_i)\nputs a - b\n",
    broken: "def main(\n",
    loop: "loop {}\n",
  },
  bash: {
    sum: "read a b\necho $((a + b))\n",
    difference: "read a b\necho $((a - b))\n",
    broken: "if then fi\n",
    loop: "while true; do :; done\n",
  },
  kotlin: {
    sum: 'fun main() {\n    val t = System.`in`.bufferedReader().readText().trim().split(Regex("\\\\s+")).map { it.toLong() }\n    println(t[0] + t[1])\n}\n',
    difference: 'object Solution {\n    @JvmStatic\n    fun main(args: Array<String>) {\n        val (a, b) = readLine()!!.trim().split(" ").map { it.toLong() }\n        println(a - b)\n    }\n}\n',
    broken: 'fun main() {\n    val x: Int = "s"\n}\n',
    loop: "fun main() {\n    var x = 0L\n    while (true) x++\n}\n",
  },
  scala: {
    sum: 'object Solution {\n  def main(args: Array[String]): Unit = {\n    val t = scala.io.Source.stdin.mkString.trim.split("\\\\s+").map(_.toLong)\n    println(t(0) + t(1))\n  }\n}\n',
    difference: 'object Main extends App {\n  val Array(a, b) = scala.io.StdIn.readLine().trim.split(" ").map(_.toLong)\n  println(a - b)\n}\n',
    broken: 'object Main {\n  def main(args: Array[String]): Unit = {\n    val x: Int = "s"\n  }\n}\n',
    loop: "object Main {\n  def main(args: Array[String]): Unit = {\n    var x = 0L\n    while (true) x += 1\n  }\n}\n",
  },
  elixir: {
    sum: "[a, b] = IO.read(:stdio, :eof) |> String.split() |> Enum.map(&String.to_integer/1)\nIO.puts(a + b)\n",
    difference: "[a, b] = IO.read(:stdio, :eof) |> String.split() |> Enum.map(&String.to_integer/1)\nIO.puts(a - b)\n",
    broken: "defmodule M do\n  def f(, do: 1\nend\n",
    loop: "defmodule Forever do\n  def loop(x), do: loop(x + 1)\nend\n\nForever.loop(0)\n",
  },
  perl: {
    sum: "my ($x, $y) = split ' ', join('', <STDIN>);\nprint $x + $y, \"\\n\";\n",
    difference: "my ($x, $y) = split ' ', join('', <STDIN>);\nprint $x - $y, \"\\n\";\n",
    broken: "my $x = ;\n",
    loop: "my $x = 0;\nwhile (1) { $x++; }\n",
  },
  r: {
    sum: 'x <- scan(file("stdin"), what = numeric(), quiet = TRUE)\ncat(sprintf("%.0f\\n", x[1] + x[2]))\n',
    difference: 'x <- scan(file("stdin"), what = numeric(), quiet = TRUE)\ncat(sprintf("%.0f\\n", x[1] - x[2]))\n',
    broken: "x <- (1 +\n",
    loop: "x <- 0\nwhile (TRUE) x <- x + 1\n",
  },
  racket: {
    sum: "#lang racket\n(define a (read))\n(define b (read))\n(displayln (+ a b))\n",
    difference: "#lang racket\n(define a (read))\n(define b (read))\n(displayln (- a b))\n",
    broken: "#lang racket\n(displayln (no-such-function 1))\n",
    loop: "#lang racket\n(let loop ([x 0]) (loop (add1 x)))\n",
  },
  swift: {
    sum: "var xs: [Int] = []\nwhile let line = readLine() { xs += line.split(separator: \" \").compactMap { Int($0) } }\nprint(xs[0] + xs[1])\n",
    difference: "var xs: [Int] = []\nwhile let line = readLine() { xs += line.split(separator: \" \").compactMap { Int($0) } }\nprint(xs[0] - xs[1])\n",
    broken: 'let x: Int = "s"\n',
    loop: "var x = 0\nwhile true { x &+= 1 }\n",
  },
  dart: {
    sum: "import 'dart:io';\n\nvoid main() {\n  final t = stdin.readLineSync()!.trim().split(RegExp(r'\\s+')).map(int.parse).toList();\n  print(t[0] + t[1]);\n}\n",
    difference: "import 'dart:io';\n\nvoid main() {\n  final t = stdin.readLineSync()!.trim().split(RegExp(r'\\s+')).map(int.parse).toList();\n  print(t[0] - t[1]);\n}\n",
    broken: 'void main() {\n  int x = "s";\n}\n',
    loop: "void main() {\n  var x = 0;\n  while (true) {\n    x++;\n  }\n}\n",
  },
  julia: {
    sum: "a, b = parse.(Int, split(read(stdin, String)))\nprintln(a + b)\n",
    difference: "a, b = parse.(Int, split(read(stdin, String)))\nprintln(a - b)\n",
    broken: "function f(\n",
    loop: "x = 0\nwhile true\n    global x += 1\nend\n",
  },
};
