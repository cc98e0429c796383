;; SSIM of two float64 planes with an 11-tap separable window (radius 5): the hot loop of the
;; Wang/torchmetrics SSIM convention and of MS-SSIM in @evalkit/recon-metrics.
;;
;; This text is the source; ssim5.wasm beside it is what runs, assembled from it by
;; `npm run build:wasm -w @evalkit/recon-metrics` (wabt's wat2wasm), and a test fails when the two
;; differ. Everything is float64 (f64x2 SIMD: two columns per instruction), so it matches the
;; generic TypeScript loop in ssim-plane.ts to rounding.
;;
;; Only the "valid" region (at least 5 pixels from every border) is summed: scikit-image filters the
;; whole image with 'reflect' padding and then crops exactly that region, whose pixels never see
;; the padding, so no border handling is needed. Per output row o:
;;   1. vertical pass: for every column, the window-weighted sums over rows o..o+10 of x, y,
;;      x²+y² (x² and y² only ever appear summed) and x·y, stored as four rows at rows_ptr;
;;      the window is symmetric, so each pair of taps t and -t shares one multiply by w_t;
;;   2. horizontal pass: the same weights across those four rows give the local means
;;      mx, my, E[x²+y²], E[xy]; then, with mxy = mx·my and mm = mx²+my²,
;;        cs   = (2·cov·(E[xy] − mxy) + C2) / (cov·(E[x²+y²] − mm) + C2)
;;        ssim = (2·mxy + C1) / (mm + C1) · cs
;;      (one division serves both), summed two columns at a time, an odd last column alone.
;; Result: the sums of SSIM and of cs over the valid region, at res_ptr and res_ptr + 8.
;;
;; Parameters: byte addresses of the x and y planes (row-major, width × height), of scratch for four
;; rows of width + 4 values, and of the 16-byte result; the plane size; the window weights w0..w5
;; (w_t at distance t from the centre); C1 = (0.01·L)², C2 = (0.03·L)²; cov_norm, 1 for population
;; statistics. Memory is imported (env.memory); the caller lays out the planes and grows it.
;;
;; Locals named unused_* are declared and never read (kept so the binary stays as first emitted).
(module
  (type $kernel_type (func (param i32 i32 i32 i32 i32 i32 f64 f64 f64 f64 f64 f64 f64 f64 f64)))
  (import "env" "memory" (memory $memory 1))
  (func $ssim5 (type $kernel_type) (param $x_ptr i32) (param $y_ptr i32) (param $rows_ptr i32) (param $width i32) (param $height i32) (param $res_ptr i32) (param $w0 f64) (param $w1 f64) (param $w2 f64) (param $w3 f64) (param $w4 f64) (param $w5 f64) (param $c1 f64) (param $c2 f64) (param $cov_norm f64)
    (local $stride i32) (local $row_stride i32) (local $y_minus_x i32) (local $out_h i32) (local $o i32) (local $jb i32) (local $end_b i32) (local $x_addr i32) (local $y_addr i32) (local $row_base i32) (local $h_addr i32) (local $row_x i32) (local $row_y i32) (local $row_q i32) (local $row_p i32) (local $off1 i32) (local $off2 i32) (local $off3 i32) (local $off4 i32) (local $off5 i32) (local $vw0 v128) (local $vw1 v128) (local $vw2 v128) (local $vw3 v128) (local $vw4 v128) (local $vw5 v128) (local $vc1 v128) (local $vc2 v128) (local $vcov v128) (local $v2cov v128) (local $vtwo v128) (local $vone v128) (local $acc_ssim v128) (local $acc_cs v128) (local $x0 v128) (local $y0 v128) (local $unused_xa0 v128) (local $xa1 v128) (local $xa2 v128) (local $xa3 v128) (local $xa4 v128) (local $xa5 v128) (local $unused_xb0 v128) (local $xb1 v128) (local $xb2 v128) (local $xb3 v128) (local $xb4 v128) (local $xb5 v128) (local $unused_ya0 v128) (local $ya1 v128) (local $ya2 v128) (local $ya3 v128) (local $ya4 v128) (local $ya5 v128) (local $unused_yb0 v128) (local $yb1 v128) (local $yb2 v128) (local $yb3 v128) (local $yb4 v128) (local $yb5 v128) (local $mx v128) (local $my v128) (local $mq v128) (local $mp v128) (local $mxy v128) (local $mm v128) (local $cs_num v128) (local $b1 v128) (local $inv v128) (local $v_ssim v128) (local $v_cs v128) (local $tail_ssim f64) (local $tail_cs f64)
    ;; stride: bytes per plane row; row_stride: bytes per scratch row; off_t: t rows in bytes
    (local.set $stride
      (i32.shl
        (local.get $width)
        (i32.const 3)))
    (local.set $row_stride
      (i32.shl
        (i32.add
          (local.get $width)
          (i32.const 4))
        (i32.const 3)))
    (local.set $y_minus_x
      (i32.sub
        (local.get $y_ptr)
        (local.get $x_ptr)))
    (local.set $out_h
      (i32.sub
        (local.get $height)
        (i32.const 10)))
    (local.set $off1
      (i32.mul
        (local.get $stride)
        (i32.const 1)))
    (local.set $off2
      (i32.mul
        (local.get $stride)
        (i32.const 2)))
    (local.set $off3
      (i32.mul
        (local.get $stride)
        (i32.const 3)))
    (local.set $off4
      (i32.mul
        (local.get $stride)
        (i32.const 4)))
    (local.set $off5
      (i32.mul
        (local.get $stride)
        (i32.const 5)))
    (local.set $row_x
      (i32.add
        (local.get $rows_ptr)
        (i32.mul
          (local.get $row_stride)
          (i32.const 0))))
    (local.set $row_y
      (i32.add
        (local.get $rows_ptr)
        (i32.mul
          (local.get $row_stride)
          (i32.const 1))))
    (local.set $row_q
      (i32.add
        (local.get $rows_ptr)
        (i32.mul
          (local.get $row_stride)
          (i32.const 2))))
    (local.set $row_p
      (i32.add
        (local.get $rows_ptr)
        (i32.mul
          (local.get $row_stride)
          (i32.const 3))))
    (local.set $vw0
      (f64x2.splat
        (local.get $w0)))
    (local.set $vw1
      (f64x2.splat
        (local.get $w1)))
    (local.set $vw2
      (f64x2.splat
        (local.get $w2)))
    (local.set $vw3
      (f64x2.splat
        (local.get $w3)))
    (local.set $vw4
      (f64x2.splat
        (local.get $w4)))
    (local.set $vw5
      (f64x2.splat
        (local.get $w5)))
    (local.set $vc1
      (f64x2.splat
        (local.get $c1)))
    (local.set $vc2
      (f64x2.splat
        (local.get $c2)))
    (local.set $vcov
      (f64x2.splat
        (local.get $cov_norm)))
    (local.set $v2cov
      (f64x2.splat
        (f64.add
          (local.get $cov_norm)
          (local.get $cov_norm))))
    (local.set $vtwo
      (f64x2.splat
        (f64.const 0x1p+1 (;=2;))))
    (local.set $vone
      (f64x2.splat
        (f64.const 0x1p+0 (;=1;))))
    (local.set $acc_ssim
      (f64x2.splat
        (f64.const 0x0p+0 (;=0;))))
    (local.set $acc_cs
      (local.get $acc_ssim))
    ;; one output row per iteration of $rows
    (local.set $o
      (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done
          (i32.eqz
            (i32.lt_s
              (local.get $o)
              (local.get $out_h))))
        (local.set $row_base
          (i32.add
            (local.get $x_ptr)
            (i32.mul
              (i32.add
                (local.get $o)
                (i32.const 5))
              (local.get $stride))))
        ;; vertical pass: jb walks the row in bytes, two float64 columns at a time
        (local.set $jb
          (i32.const 0))
        (block $vertical_done
          (loop $vertical
            (br_if $vertical_done
              (i32.eqz
                (i32.lt_s
                  (local.get $jb)
                  (local.get $stride))))
            (local.set $x_addr
              (i32.add
                (local.get $row_base)
                (local.get $jb)))
            (local.set $y_addr
              (i32.add
                (local.get $x_addr)
                (local.get $y_minus_x)))
            (local.set $x0
              (v128.load align=8
                (local.get $x_addr)))
            (local.set $y0
              (v128.load align=8
                (local.get $y_addr)))
            (local.set $xa1
              (v128.load align=8
                (i32.sub
                  (local.get $x_addr)
                  (local.get $off1))))
            (local.set $xb1
              (v128.load align=8
                (i32.add
                  (local.get $x_addr)
                  (local.get $off1))))
            (local.set $ya1
              (v128.load align=8
                (i32.sub
                  (local.get $y_addr)
                  (local.get $off1))))
            (local.set $yb1
              (v128.load align=8
                (i32.add
                  (local.get $y_addr)
                  (local.get $off1))))
            (local.set $xa2
              (v128.load align=8
                (i32.sub
                  (local.get $x_addr)
                  (local.get $off2))))
            (local.set $xb2
              (v128.load align=8
                (i32.add
                  (local.get $x_addr)
                  (local.get $off2))))
            (local.set $ya2
              (v128.load align=8
                (i32.sub
                  (local.get $y_addr)
                  (local.get $off2))))
            (local.set $yb2
              (v128.load align=8
                (i32.add
                  (local.get $y_addr)
                  (local.get $off2))))
            (local.set $xa3
              (v128.load align=8
                (i32.sub
                  (local.get $x_addr)
                  (local.get $off3))))
            (local.set $xb3
              (v128.load align=8
                (i32.add
                  (local.get $x_addr)
                  (local.get $off3))))
            (local.set $ya3
              (v128.load align=8
                (i32.sub
                  (local.get $y_addr)
                  (local.get $off3))))
            (local.set $yb3
              (v128.load align=8
                (i32.add
                  (local.get $y_addr)
                  (local.get $off3))))
            (local.set $xa4
              (v128.load align=8
                (i32.sub
                  (local.get $x_addr)
                  (local.get $off4))))
            (local.set $xb4
              (v128.load align=8
                (i32.add
                  (local.get $x_addr)
                  (local.get $off4))))
            (local.set $ya4
              (v128.load align=8
                (i32.sub
                  (local.get $y_addr)
                  (local.get $off4))))
            (local.set $yb4
              (v128.load align=8
                (i32.add
                  (local.get $y_addr)
                  (local.get $off4))))
            (local.set $xa5
              (v128.load align=8
                (i32.sub
                  (local.get $x_addr)
                  (local.get $off5))))
            (local.set $xb5
              (v128.load align=8
                (i32.add
                  (local.get $x_addr)
                  (local.get $off5))))
            (local.set $ya5
              (v128.load align=8
                (i32.sub
                  (local.get $y_addr)
                  (local.get $off5))))
            (local.set $yb5
              (v128.load align=8
                (i32.add
                  (local.get $y_addr)
                  (local.get $off5))))
            (v128.store align=8
              (i32.add
                (local.get $row_x)
                (local.get $jb))
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.mul
                          (local.get $vw0)
                          (local.get $x0))
                        (f64x2.mul
                          (local.get $vw1)
                          (f64x2.add
                            (local.get $xa1)
                            (local.get $xb1))))
                      (f64x2.mul
                        (local.get $vw2)
                        (f64x2.add
                          (local.get $xa2)
                          (local.get $xb2))))
                    (f64x2.mul
                      (local.get $vw3)
                      (f64x2.add
                        (local.get $xa3)
                        (local.get $xb3))))
                  (f64x2.mul
                    (local.get $vw4)
                    (f64x2.add
                      (local.get $xa4)
                      (local.get $xb4))))
                (f64x2.mul
                  (local.get $vw5)
                  (f64x2.add
                    (local.get $xa5)
                    (local.get $xb5)))))
            (v128.store align=8
              (i32.add
                (local.get $row_y)
                (local.get $jb))
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.mul
                          (local.get $vw0)
                          (local.get $y0))
                        (f64x2.mul
                          (local.get $vw1)
                          (f64x2.add
                            (local.get $ya1)
                            (local.get $yb1))))
                      (f64x2.mul
                        (local.get $vw2)
                        (f64x2.add
                          (local.get $ya2)
                          (local.get $yb2))))
                    (f64x2.mul
                      (local.get $vw3)
                      (f64x2.add
                        (local.get $ya3)
                        (local.get $yb3))))
                  (f64x2.mul
                    (local.get $vw4)
                    (f64x2.add
                      (local.get $ya4)
                      (local.get $yb4))))
                (f64x2.mul
                  (local.get $vw5)
                  (f64x2.add
                    (local.get $ya5)
                    (local.get $yb5)))))
            (v128.store align=8
              (i32.add
                (local.get $row_q)
                (local.get $jb))
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.mul
                          (local.get $vw0)
                          (f64x2.add
                            (f64x2.mul
                              (local.get $x0)
                              (local.get $x0))
                            (f64x2.mul
                              (local.get $y0)
                              (local.get $y0))))
                        (f64x2.mul
                          (local.get $vw1)
                          (f64x2.add
                            (f64x2.add
                              (f64x2.add
                                (f64x2.mul
                                  (local.get $xa1)
                                  (local.get $xa1))
                                (f64x2.mul
                                  (local.get $ya1)
                                  (local.get $ya1)))
                              (f64x2.mul
                                (local.get $xb1)
                                (local.get $xb1)))
                            (f64x2.mul
                              (local.get $yb1)
                              (local.get $yb1)))))
                      (f64x2.mul
                        (local.get $vw2)
                        (f64x2.add
                          (f64x2.add
                            (f64x2.add
                              (f64x2.mul
                                (local.get $xa2)
                                (local.get $xa2))
                              (f64x2.mul
                                (local.get $ya2)
                                (local.get $ya2)))
                            (f64x2.mul
                              (local.get $xb2)
                              (local.get $xb2)))
                          (f64x2.mul
                            (local.get $yb2)
                            (local.get $yb2)))))
                    (f64x2.mul
                      (local.get $vw3)
                      (f64x2.add
                        (f64x2.add
                          (f64x2.add
                            (f64x2.mul
                              (local.get $xa3)
                              (local.get $xa3))
                            (f64x2.mul
                              (local.get $ya3)
                              (local.get $ya3)))
                          (f64x2.mul
                            (local.get $xb3)
                            (local.get $xb3)))
                        (f64x2.mul
                          (local.get $yb3)
                          (local.get $yb3)))))
                  (f64x2.mul
                    (local.get $vw4)
                    (f64x2.add
                      (f64x2.add
                        (f64x2.add
                          (f64x2.mul
                            (local.get $xa4)
                            (local.get $xa4))
                          (f64x2.mul
                            (local.get $ya4)
                            (local.get $ya4)))
                        (f64x2.mul
                          (local.get $xb4)
                          (local.get $xb4)))
                      (f64x2.mul
                        (local.get $yb4)
                        (local.get $yb4)))))
                (f64x2.mul
                  (local.get $vw5)
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.mul
                          (local.get $xa5)
                          (local.get $xa5))
                        (f64x2.mul
                          (local.get $ya5)
                          (local.get $ya5)))
                      (f64x2.mul
                        (local.get $xb5)
                        (local.get $xb5)))
                    (f64x2.mul
                      (local.get $yb5)
                      (local.get $yb5))))))
            (v128.store align=8
              (i32.add
                (local.get $row_p)
                (local.get $jb))
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.mul
                          (local.get $vw0)
                          (f64x2.mul
                            (local.get $x0)
                            (local.get $y0)))
                        (f64x2.mul
                          (local.get $vw1)
                          (f64x2.add
                            (f64x2.mul
                              (local.get $xa1)
                              (local.get $ya1))
                            (f64x2.mul
                              (local.get $xb1)
                              (local.get $yb1)))))
                      (f64x2.mul
                        (local.get $vw2)
                        (f64x2.add
                          (f64x2.mul
                            (local.get $xa2)
                            (local.get $ya2))
                          (f64x2.mul
                            (local.get $xb2)
                            (local.get $yb2)))))
                    (f64x2.mul
                      (local.get $vw3)
                      (f64x2.add
                        (f64x2.mul
                          (local.get $xa3)
                          (local.get $ya3))
                        (f64x2.mul
                          (local.get $xb3)
                          (local.get $yb3)))))
                  (f64x2.mul
                    (local.get $vw4)
                    (f64x2.add
                      (f64x2.mul
                        (local.get $xa4)
                        (local.get $ya4))
                      (f64x2.mul
                        (local.get $xb4)
                        (local.get $yb4)))))
                (f64x2.mul
                  (local.get $vw5)
                  (f64x2.add
                    (f64x2.mul
                      (local.get $xa5)
                      (local.get $ya5))
                    (f64x2.mul
                      (local.get $xb5)
                      (local.get $yb5))))))
            (local.set $jb
              (i32.add
                (local.get $jb)
                (i32.const 16)))
            (br $vertical)))
        ;; horizontal pass + SSIM over the valid columns 5 .. width-6 (byte offsets 40 .. end_b)
        (local.set $jb
          (i32.const 40))
        (local.set $end_b
          (i32.shl
            (i32.sub
              (local.get $width)
              (i32.const 5))
            (i32.const 3)))
        (block $horizontal_done
          (loop $horizontal
            (br_if $horizontal_done
              (i32.eqz
                (i32.lt_s
                  (i32.add
                    (local.get $jb)
                    (i32.const 8))
                  (local.get $end_b))))
            (local.set $h_addr
              (i32.sub
                (i32.add
                  (local.get $row_x)
                  (local.get $jb))
                (i32.const 40)))
            (local.set $mx
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.mul
                          (local.get $vw0)
                          (v128.load offset=40 align=8
                            (local.get $h_addr)))
                        (f64x2.mul
                          (local.get $vw1)
                          (f64x2.add
                            (v128.load offset=32 align=8
                              (local.get $h_addr))
                            (v128.load offset=48 align=8
                              (local.get $h_addr)))))
                      (f64x2.mul
                        (local.get $vw2)
                        (f64x2.add
                          (v128.load offset=24 align=8
                            (local.get $h_addr))
                          (v128.load offset=56 align=8
                            (local.get $h_addr)))))
                    (f64x2.mul
                      (local.get $vw3)
                      (f64x2.add
                        (v128.load offset=16 align=8
                          (local.get $h_addr))
                        (v128.load offset=64 align=8
                          (local.get $h_addr)))))
                  (f64x2.mul
                    (local.get $vw4)
                    (f64x2.add
                      (v128.load offset=8 align=8
                        (local.get $h_addr))
                      (v128.load offset=72 align=8
                        (local.get $h_addr)))))
                (f64x2.mul
                  (local.get $vw5)
                  (f64x2.add
                    (v128.load align=8
                      (local.get $h_addr))
                    (v128.load offset=80 align=8
                      (local.get $h_addr))))))
            (local.set $h_addr
              (i32.sub
                (i32.add
                  (local.get $row_y)
                  (local.get $jb))
                (i32.const 40)))
            (local.set $my
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.mul
                          (local.get $vw0)
                          (v128.load offset=40 align=8
                            (local.get $h_addr)))
                        (f64x2.mul
                          (local.get $vw1)
                          (f64x2.add
                            (v128.load offset=32 align=8
                              (local.get $h_addr))
                            (v128.load offset=48 align=8
                              (local.get $h_addr)))))
                      (f64x2.mul
                        (local.get $vw2)
                        (f64x2.add
                          (v128.load offset=24 align=8
                            (local.get $h_addr))
                          (v128.load offset=56 align=8
                            (local.get $h_addr)))))
                    (f64x2.mul
                      (local.get $vw3)
                      (f64x2.add
                        (v128.load offset=16 align=8
                          (local.get $h_addr))
                        (v128.load offset=64 align=8
                          (local.get $h_addr)))))
                  (f64x2.mul
                    (local.get $vw4)
                    (f64x2.add
                      (v128.load offset=8 align=8
                        (local.get $h_addr))
                      (v128.load offset=72 align=8
                        (local.get $h_addr)))))
                (f64x2.mul
                  (local.get $vw5)
                  (f64x2.add
                    (v128.load align=8
                      (local.get $h_addr))
                    (v128.load offset=80 align=8
                      (local.get $h_addr))))))
            (local.set $h_addr
              (i32.sub
                (i32.add
                  (local.get $row_q)
                  (local.get $jb))
                (i32.const 40)))
            (local.set $mq
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.mul
                          (local.get $vw0)
                          (v128.load offset=40 align=8
                            (local.get $h_addr)))
                        (f64x2.mul
                          (local.get $vw1)
                          (f64x2.add
                            (v128.load offset=32 align=8
                              (local.get $h_addr))
                            (v128.load offset=48 align=8
                              (local.get $h_addr)))))
                      (f64x2.mul
                        (local.get $vw2)
                        (f64x2.add
                          (v128.load offset=24 align=8
                            (local.get $h_addr))
                          (v128.load offset=56 align=8
                            (local.get $h_addr)))))
                    (f64x2.mul
                      (local.get $vw3)
                      (f64x2.add
                        (v128.load offset=16 align=8
                          (local.get $h_addr))
                        (v128.load offset=64 align=8
                          (local.get $h_addr)))))
                  (f64x2.mul
                    (local.get $vw4)
                    (f64x2.add
                      (v128.load offset=8 align=8
                        (local.get $h_addr))
                      (v128.load offset=72 align=8
                        (local.get $h_addr)))))
                (f64x2.mul
                  (local.get $vw5)
                  (f64x2.add
                    (v128.load align=8
                      (local.get $h_addr))
                    (v128.load offset=80 align=8
                      (local.get $h_addr))))))
            (local.set $h_addr
              (i32.sub
                (i32.add
                  (local.get $row_p)
                  (local.get $jb))
                (i32.const 40)))
            (local.set $mp
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.mul
                          (local.get $vw0)
                          (v128.load offset=40 align=8
                            (local.get $h_addr)))
                        (f64x2.mul
                          (local.get $vw1)
                          (f64x2.add
                            (v128.load offset=32 align=8
                              (local.get $h_addr))
                            (v128.load offset=48 align=8
                              (local.get $h_addr)))))
                      (f64x2.mul
                        (local.get $vw2)
                        (f64x2.add
                          (v128.load offset=24 align=8
                            (local.get $h_addr))
                          (v128.load offset=56 align=8
                            (local.get $h_addr)))))
                    (f64x2.mul
                      (local.get $vw3)
                      (f64x2.add
                        (v128.load offset=16 align=8
                          (local.get $h_addr))
                        (v128.load offset=64 align=8
                          (local.get $h_addr)))))
                  (f64x2.mul
                    (local.get $vw4)
                    (f64x2.add
                      (v128.load offset=8 align=8
                        (local.get $h_addr))
                      (v128.load offset=72 align=8
                        (local.get $h_addr)))))
                (f64x2.mul
                  (local.get $vw5)
                  (f64x2.add
                    (v128.load align=8
                      (local.get $h_addr))
                    (v128.load offset=80 align=8
                      (local.get $h_addr))))))
            (local.set $mxy
              (f64x2.mul
                (local.get $mx)
                (local.get $my)))
            (local.set $mm
              (f64x2.add
                (f64x2.mul
                  (local.get $mx)
                  (local.get $mx))
                (f64x2.mul
                  (local.get $my)
                  (local.get $my))))
            (local.set $cs_num
              (f64x2.add
                (f64x2.mul
                  (local.get $v2cov)
                  (f64x2.sub
                    (local.get $mp)
                    (local.get $mxy)))
                (local.get $vc2)))
            (local.set $b1
              (f64x2.add
                (local.get $mm)
                (local.get $vc1)))
            (local.set $inv
              (f64x2.div
                (local.get $vone)
                (f64x2.mul
                  (local.get $b1)
                  (f64x2.add
                    (f64x2.mul
                      (local.get $vcov)
                      (f64x2.sub
                        (local.get $mq)
                        (local.get $mm)))
                    (local.get $vc2)))))
            (local.set $v_ssim
              (f64x2.mul
                (f64x2.mul
                  (f64x2.add
                    (f64x2.mul
                      (local.get $vtwo)
                      (local.get $mxy))
                    (local.get $vc1))
                  (local.get $cs_num))
                (local.get $inv)))
            (local.set $v_cs
              (f64x2.mul
                (f64x2.mul
                  (local.get $cs_num)
                  (local.get $b1))
                (local.get $inv)))
            (local.set $acc_ssim
              (f64x2.add
                (local.get $acc_ssim)
                (local.get $v_ssim)))
            (local.set $acc_cs
              (f64x2.add
                (local.get $acc_cs)
                (local.get $v_cs)))
            (local.set $jb
              (i32.add
                (local.get $jb)
                (i32.const 16)))
            (br $horizontal)))
        ;; an odd number of valid columns: the last one alone (lane 0 of one more pair)
        (if $last_column
          (i32.lt_s
            (local.get $jb)
            (local.get $end_b))
          (then
            (local.set $h_addr
              (i32.sub
                (i32.add
                  (local.get $row_x)
                  (local.get $jb))
                (i32.const 40)))
            (local.set $mx
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.mul
                          (local.get $vw0)
                          (v128.load offset=40 align=8
                            (local.get $h_addr)))
                        (f64x2.mul
                          (local.get $vw1)
                          (f64x2.add
                            (v128.load offset=32 align=8
                              (local.get $h_addr))
                            (v128.load offset=48 align=8
                              (local.get $h_addr)))))
                      (f64x2.mul
                        (local.get $vw2)
                        (f64x2.add
                          (v128.load offset=24 align=8
                            (local.get $h_addr))
                          (v128.load offset=56 align=8
                            (local.get $h_addr)))))
                    (f64x2.mul
                      (local.get $vw3)
                      (f64x2.add
                        (v128.load offset=16 align=8
                          (local.get $h_addr))
                        (v128.load offset=64 align=8
                          (local.get $h_addr)))))
                  (f64x2.mul
                    (local.get $vw4)
                    (f64x2.add
                      (v128.load offset=8 align=8
                        (local.get $h_addr))
                      (v128.load offset=72 align=8
                        (local.get $h_addr)))))
                (f64x2.mul
                  (local.get $vw5)
                  (f64x2.add
                    (v128.load align=8
                      (local.get $h_addr))
                    (v128.load offset=80 align=8
                      (local.get $h_addr))))))
            (local.set $h_addr
              (i32.sub
                (i32.add
                  (local.get $row_y)
                  (local.get $jb))
                (i32.const 40)))
            (local.set $my
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.mul
                          (local.get $vw0)
                          (v128.load offset=40 align=8
                            (local.get $h_addr)))
                        (f64x2.mul
                          (local.get $vw1)
                          (f64x2.add
                            (v128.load offset=32 align=8
                              (local.get $h_addr))
                            (v128.load offset=48 align=8
                              (local.get $h_addr)))))
                      (f64x2.mul
                        (local.get $vw2)
                        (f64x2.add
                          (v128.load offset=24 align=8
                            (local.get $h_addr))
                          (v128.load offset=56 align=8
                            (local.get $h_addr)))))
                    (f64x2.mul
                      (local.get $vw3)
                      (f64x2.add
                        (v128.load offset=16 align=8
                          (local.get $h_addr))
                        (v128.load offset=64 align=8
                          (local.get $h_addr)))))
                  (f64x2.mul
                    (local.get $vw4)
                    (f64x2.add
                      (v128.load offset=8 align=8
                        (local.get $h_addr))
                      (v128.load offset=72 align=8
                        (local.get $h_addr)))))
                (f64x2.mul
                  (local.get $vw5)
                  (f64x2.add
                    (v128.load align=8
                      (local.get $h_addr))
                    (v128.load offset=80 align=8
                      (local.get $h_addr))))))
            (local.set $h_addr
              (i32.sub
                (i32.add
                  (local.get $row_q)
                  (local.get $jb))
                (i32.const 40)))
            (local.set $mq
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.mul
                          (local.get $vw0)
                          (v128.load offset=40 align=8
                            (local.get $h_addr)))
                        (f64x2.mul
                          (local.get $vw1)
                          (f64x2.add
                            (v128.load offset=32 align=8
                              (local.get $h_addr))
                            (v128.load offset=48 align=8
                              (local.get $h_addr)))))
                      (f64x2.mul
                        (local.get $vw2)
                        (f64x2.add
                          (v128.load offset=24 align=8
                            (local.get $h_addr))
                          (v128.load offset=56 align=8
                            (local.get $h_addr)))))
                    (f64x2.mul
                      (local.get $vw3)
                      (f64x2.add
                        (v128.load offset=16 align=8
                          (local.get $h_addr))
                        (v128.load offset=64 align=8
                          (local.get $h_addr)))))
                  (f64x2.mul
                    (local.get $vw4)
                    (f64x2.add
                      (v128.load offset=8 align=8
                        (local.get $h_addr))
                      (v128.load offset=72 align=8
                        (local.get $h_addr)))))
                (f64x2.mul
                  (local.get $vw5)
                  (f64x2.add
                    (v128.load align=8
                      (local.get $h_addr))
                    (v128.load offset=80 align=8
                      (local.get $h_addr))))))
            (local.set $h_addr
              (i32.sub
                (i32.add
                  (local.get $row_p)
                  (local.get $jb))
                (i32.const 40)))
            (local.set $mp
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.mul
                          (local.get $vw0)
                          (v128.load offset=40 align=8
                            (local.get $h_addr)))
                        (f64x2.mul
                          (local.get $vw1)
                          (f64x2.add
                            (v128.load offset=32 align=8
                              (local.get $h_addr))
                            (v128.load offset=48 align=8
                              (local.get $h_addr)))))
                      (f64x2.mul
                        (local.get $vw2)
                        (f64x2.add
                          (v128.load offset=24 align=8
                            (local.get $h_addr))
                          (v128.load offset=56 align=8
                            (local.get $h_addr)))))
                    (f64x2.mul
                      (local.get $vw3)
                      (f64x2.add
                        (v128.load offset=16 align=8
                          (local.get $h_addr))
                        (v128.load offset=64 align=8
                          (local.get $h_addr)))))
                  (f64x2.mul
                    (local.get $vw4)
                    (f64x2.add
                      (v128.load offset=8 align=8
                        (local.get $h_addr))
                      (v128.load offset=72 align=8
                        (local.get $h_addr)))))
                (f64x2.mul
                  (local.get $vw5)
                  (f64x2.add
                    (v128.load align=8
                      (local.get $h_addr))
                    (v128.load offset=80 align=8
                      (local.get $h_addr))))))
            (local.set $mxy
              (f64x2.mul
                (local.get $mx)
                (local.get $my)))
            (local.set $mm
              (f64x2.add
                (f64x2.mul
                  (local.get $mx)
                  (local.get $mx))
                (f64x2.mul
                  (local.get $my)
                  (local.get $my))))
            (local.set $cs_num
              (f64x2.add
                (f64x2.mul
                  (local.get $v2cov)
                  (f64x2.sub
                    (local.get $mp)
                    (local.get $mxy)))
                (local.get $vc2)))
            (local.set $b1
              (f64x2.add
                (local.get $mm)
                (local.get $vc1)))
            (local.set $inv
              (f64x2.div
                (local.get $vone)
                (f64x2.mul
                  (local.get $b1)
                  (f64x2.add
                    (f64x2.mul
                      (local.get $vcov)
                      (f64x2.sub
                        (local.get $mq)
                        (local.get $mm)))
                    (local.get $vc2)))))
            (local.set $v_ssim
              (f64x2.mul
                (f64x2.mul
                  (f64x2.add
                    (f64x2.mul
                      (local.get $vtwo)
                      (local.get $mxy))
                    (local.get $vc1))
                  (local.get $cs_num))
                (local.get $inv)))
            (local.set $v_cs
              (f64x2.mul
                (f64x2.mul
                  (local.get $cs_num)
                  (local.get $b1))
                (local.get $inv)))
            (local.set $tail_ssim
              (f64.add
                (local.get $tail_ssim)
                (f64x2.extract_lane 0
                  (local.get $v_ssim))))
            (local.set $tail_cs
              (f64.add
                (local.get $tail_cs)
                (f64x2.extract_lane 0
                  (local.get $v_cs))))))
        (local.set $o
          (i32.add
            (local.get $o)
            (i32.const 1)))
        (br $rows)))
    ;; the two lanes' sums plus the lone columns' sums
    (f64.store
      (local.get $res_ptr)
      (f64.add
        (f64.add
          (f64x2.extract_lane 0
            (local.get $acc_ssim))
          (f64x2.extract_lane 1
            (local.get $acc_ssim)))
        (local.get $tail_ssim)))
    (f64.store offset=8
      (local.get $res_ptr)
      (f64.add
        (f64.add
          (f64x2.extract_lane 0
            (local.get $acc_cs))
          (f64x2.extract_lane 1
            (local.get $acc_cs)))
        (local.get $tail_cs))))
  (export "ssim5" (func $ssim5)))
