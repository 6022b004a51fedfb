;; Customer IDs in bytes, sixteen at a time: the kernel of the workspace scanner (./wasmScan.ts loads
;; it; esbuild.mjs assembles it with wabt). It finds exactly what the text scanner's regex finds
;; (customerIdScanner in ../customerId.ts), at the same UTF-8 offsets: the property tests hold it to that.
;;
;; Every ID has a dash 8 bytes after its start, then 13, 18 and 23. Ordinary text has few dashes: the
;; scan compares the 64 bytes where the next 64 IDs would have their first dash with '-', and moves
;; on when none is a dash. Where there are dashes, the 64 places are checked at once for the four
;; dashes of an ID (bit masks of 80 bytes); only at a place that has them, the version, the variant,
;; the boundaries and the 32 hex digits (sixteen at a time, read into four 32-bit words as they are
;; checked).
;;
;; Memory (set up by wasmScan.ts):
;;   [0, 256)     byte classes: 2 hex digit, 4 word character (letter, digit, _)
;;   [OUT, ...)   results, five 32-bit words each: start, then the ID's words
;;   64 zeros     what comes before the text reads as its start
;;   [IN, IN+len) the text, then at least 64 zeros: what comes after it reads as its end (the scan
;;                reads at most 60 bytes past it)
(module
  (memory (export "memory") 2)

  (global $w0 (mut i32) (i32.const 0))
  (global $w1 (mut i32) (i32.const 0))
  (global $w2 (mut i32) (i32.const 0))
  (global $w3 (mut i32) (i32.const 0))

  ;; Sixteen hex digits (bytes) as eight bytes of their values, two digits a byte; all ones in the
  ;; lane's byte 15 of $ok's result when one is not a hex digit (see $idAt).
  (global $ok (mut i32) (i32.const 1))
  (func $pack (param $h v128) (result v128)
    (local $d v128) (local $l v128) (local $isDigit v128) (local $v v128)
    (local.set $d (i8x16.sub (local.get $h) (i8x16.splat (i32.const 48))))
    (local.set $isDigit (i8x16.lt_u (local.get $d) (i8x16.splat (i32.const 10))))
    (local.set $l (i8x16.sub (v128.or (local.get $h) (i8x16.splat (i32.const 0x20))) (i8x16.splat (i32.const 97))))
    (if (i32.eqz (i8x16.all_true (v128.or (local.get $isDigit) (i8x16.lt_u (local.get $l) (i8x16.splat (i32.const 6))))))
      (then (global.set $ok (i32.const 0))))
    (local.set $v (v128.bitselect (local.get $d) (i8x16.add (local.get $l) (i8x16.splat (i32.const 10))) (local.get $isDigit)))
    ;; Each pair of digits (a 16-bit lane, first digit low) to one byte: first << 4 | second.
    (v128.or
      (v128.and (i16x8.shl (local.get $v) (i32.const 4)) (i16x8.splat (i32.const 0xf0)))
      (i16x8.shr_u (local.get $v) (i32.const 8))))

  ;; Whether an ID starts at $s, its four dashes already seen; its words are left in $w0..$w3.
  (func $idAt (param $s i32) (result i32)
    (local $v i32) (local $x i32) (local $rfc i32) (local $c i32) (local $i i32)
    (local $a v128) (local $b v128) (local $c16 v128) (local $words v128)
    ;; Version 1-8 with variant 8, 9, a or b; otherwise only the nil and max UUIDs (version 0 or f).
    (local.set $v (i32.load8_u offset=14 (local.get $s)))
    (local.set $x (i32.or (i32.load8_u offset=19 (local.get $s)) (i32.const 0x20)))
    (local.set $rfc
      (i32.and
        (i32.lt_u (i32.sub (local.get $v) (i32.const 49)) (i32.const 8))
        (i32.or
          (i32.lt_u (i32.sub (local.get $x) (i32.const 56)) (i32.const 2))
          (i32.lt_u (i32.sub (local.get $x) (i32.const 97)) (i32.const 2)))))
    (if (i32.eqz (local.get $rfc))
      (then
        (if (i32.and (i32.ne (local.get $v) (i32.const 48)) (i32.ne (local.get $v) (i32.const 102)))
          (then (return (i32.const 0))))))
    ;; Not inside a word, and not after a hex digit and a dash (nor before a dash and a hex digit).
    (local.set $c (i32.load8_u (i32.sub (local.get $s) (i32.const 1))))
    (if (i32.and (i32.load8_u (local.get $c)) (i32.const 4)) (then (return (i32.const 0))))
    (if (i32.eq (local.get $c) (i32.const 45))
      (then
        (if (i32.and (i32.load8_u (i32.load8_u (i32.sub (local.get $s) (i32.const 2)))) (i32.const 2))
          (then (return (i32.const 0))))))
    (local.set $c (i32.load8_u offset=36 (local.get $s)))
    (if (i32.and (i32.load8_u (local.get $c)) (i32.const 4)) (then (return (i32.const 0))))
    (if (i32.eq (local.get $c) (i32.const 45))
      (then
        (if (i32.and (i32.load8_u (i32.load8_u offset=37 (local.get $s))) (i32.const 2))
          (then (return (i32.const 0))))))
    ;; The 32 digits, in two vectors of sixteen (around the dashes at 8, 13, 18 and 23), to values.
    (local.set $a (v128.load (local.get $s)))
    (local.set $b (v128.load offset=16 (local.get $s)))
    (local.set $c16 (v128.load offset=20 (local.get $s)))
    (global.set $ok (i32.const 1))
    (local.set $words
      (i8x16.narrow_i16x8_u
        (call $pack (i8x16.shuffle 0 1 2 3 4 5 6 7 9 10 11 12 14 15 16 17 (local.get $a) (local.get $b)))
        (call $pack (i8x16.shuffle 3 4 5 6 8 9 10 11 12 13 14 15 28 29 30 31 (local.get $b) (local.get $c16)))))
    (if (i32.eqz (global.get $ok)) (then (return (i32.const 0))))
    ;; Four big-endian words.
    (local.set $words (i8x16.shuffle 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12 (local.get $words) (local.get $words)))
    (global.set $w0 (i32x4.extract_lane 0 (local.get $words)))
    (global.set $w1 (i32x4.extract_lane 1 (local.get $words)))
    (global.set $w2 (i32x4.extract_lane 2 (local.get $words)))
    (global.set $w3 (i32x4.extract_lane 3 (local.get $words)))
    (if (i32.eqz (local.get $rfc))
      (then
        ;; The nil UUID, or the max UUID in lower case.
        (if (i32.eqz (i32.or (i32.or (global.get $w0) (global.get $w1)) (i32.or (global.get $w2) (global.get $w3))))
          (then (return (i32.const 1))))
        (if (i32.ne (i32.and (i32.and (global.get $w0) (global.get $w1)) (i32.and (global.get $w2) (global.get $w3))) (i32.const -1))
          (then (return (i32.const 0))))
        (local.set $i (i32.const 0))
        (loop $upper
          (if (i32.eq (i32.load8_u (i32.add (local.get $s) (local.get $i))) (i32.const 70))
            (then (return (i32.const 0))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $upper (i32.lt_u (local.get $i) (i32.const 36))))))
    (i32.const 1))

  ;; The IDs that start in [$pos, $end - 36], at most $max of them, written from $out: returns how many.
  ;; The next call starts 36 bytes after the last one written.
  (func (export "scan") (param $pos i32) (param $end i32) (param $out i32) (param $max i32) (result i32)
    (local $from i32) (local $n i32) (local $m i64) (local $d i64) (local $d2 i64) (local $s i32) (local $dash v128)
    (local $e0 v128) (local $e1 v128) (local $e2 v128) (local $e3 v128)
    (local.set $from (local.get $pos))
    (local.set $dash (i8x16.splat (i32.const 45)))
    (block $done
      (loop $outer
        ;; An ID starts at most at $end - 36; its first dash is at most at $end - 28.
        (br_if $done (i32.gt_s (i32.add (local.get $pos) (i32.const 28)) (local.get $end)))
        ;; Dashes where the first dash of an ID starting at $pos .. $pos + 63 would be.
        (local.set $e0 (i8x16.eq (v128.load offset=8 (local.get $pos)) (local.get $dash)))
        (local.set $e1 (i8x16.eq (v128.load offset=24 (local.get $pos)) (local.get $dash)))
        (local.set $e2 (i8x16.eq (v128.load offset=40 (local.get $pos)) (local.get $dash)))
        (local.set $e3 (i8x16.eq (v128.load offset=56 (local.get $pos)) (local.get $dash)))
        (if (i32.eqz
              (v128.any_true
                (v128.or (v128.or (local.get $e0) (local.get $e1)) (v128.or (local.get $e2) (local.get $e3)))))
          (then
            (local.set $pos (i32.add (local.get $pos) (i32.const 64)))
            (br $outer)))
        ;; A dash among them: the 64 places with a dash 8, 13, 18 and 23 bytes on, as bits. $d is
        ;; bytes $pos + 8 .. $pos + 71, one bit each; $d2 the 16 bytes after.
        (local.set $d
          (i64.or
            (i64.or
              (i64.extend_i32_u (i8x16.bitmask (local.get $e0)))
              (i64.shl (i64.extend_i32_u (i8x16.bitmask (local.get $e1))) (i64.const 16)))
            (i64.or
              (i64.shl (i64.extend_i32_u (i8x16.bitmask (local.get $e2))) (i64.const 32))
              (i64.shl (i64.extend_i32_u (i8x16.bitmask (local.get $e3))) (i64.const 48)))))
        (local.set $d2 (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (v128.load offset=72 (local.get $pos)) (local.get $dash)))))
        (local.set $m
          (i64.and
            (i64.and
              (local.get $d)
              (i64.or (i64.shr_u (local.get $d) (i64.const 5)) (i64.shl (local.get $d2) (i64.const 59))))
            (i64.and
              (i64.or (i64.shr_u (local.get $d) (i64.const 10)) (i64.shl (local.get $d2) (i64.const 54)))
              (i64.or (i64.shr_u (local.get $d) (i64.const 15)) (i64.shl (local.get $d2) (i64.const 49))))))
        (block $block
          (loop $dashes
            (br_if $block (i64.eqz (local.get $m)))
            (local.set $s (i32.add (local.get $pos) (i32.wrap_i64 (i64.ctz (local.get $m)))))
            (local.set $m (i64.and (local.get $m) (i64.sub (local.get $m) (i64.const 1))))
            (if (i32.and
                  (i32.ge_s (local.get $s) (local.get $from))
                  (i32.le_s (i32.add (local.get $s) (i32.const 36)) (local.get $end)))
              (then
                (if (call $idAt (local.get $s))
                  (then
                    (i32.store (local.get $out) (local.get $s))
                    (i32.store offset=4 (local.get $out) (global.get $w0))
                    (i32.store offset=8 (local.get $out) (global.get $w1))
                    (i32.store offset=12 (local.get $out) (global.get $w2))
                    (i32.store offset=16 (local.get $out) (global.get $w3))
                    (local.set $out (i32.add (local.get $out) (i32.const 20)))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))
                    (br_if $done (i32.eq (local.get $n) (local.get $max)))
                    ;; IDs do not overlap: the next one starts after this one.
                    (local.set $pos (i32.add (local.get $s) (i32.const 36)))
                    (local.set $from (local.get $pos))
                    (br $outer)))))
            (br $dashes)))
        (local.set $pos (i32.add (local.get $pos) (i32.const 64)))
        (br $outer)))
    (local.get $n))
;; Whether a NUL byte is in [$pos, $end): how ripgrep and VS Code's search tell a binary file.
  (func (export "hasNul") (param $pos i32) (param $end i32) (result i32)
    (local $zero v128)
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $pos) (local.get $end)))
        (if (v128.any_true (i8x16.eq (v128.load (local.get $pos)) (local.get $zero)))
          (then
            (loop $bytes
              (if (i32.eqz (i32.load8_u (local.get $pos))) (then (return (i32.const 1))))
              (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
              (br_if $bytes (i32.lt_u (local.get $pos) (local.get $end))))
            (return (i32.const 0))))
        (local.set $pos (i32.add (local.get $pos) (i32.const 16)))
        (br $blocks)))
    (i32.const 0))
)
