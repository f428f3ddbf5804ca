echo {a,b,c} {1..10} {a..z..2} {01..10} {10..1..-3} x{,y}z {a,{b,c}} \{a,b\} '{a,b}' {a} {} {,}
echo {a..} {..b} {a,b}{c,d} pre{x,y}post a{b,c{d,e}f}g "{q,r}" {$x,$y} {`a`,$(b)}
