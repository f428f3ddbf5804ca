//! `strftime` for `printf '%(fmt)T'`: glibc's conversions and flags in the C.UTF-8 locale,
//! always in UTC (the sandbox has no time zone database).

/// The broken-down UTC time of `secs` seconds since the epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Tm {
    year: i64,
    /// 1–12.
    month: i64,
    /// 1–31.
    day: i64,
    hour: i64,
    min: i64,
    sec: i64,
    /// 0 = Sunday.
    wday: i64,
    /// 0-based day of the year.
    yday: i64,
    secs: i64,
}

const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Year, month, day of a day count since 1970-01-01 (proleptic Gregorian).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

impl Tm {
    fn utc(secs: i64) -> Tm {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (year, month, day) = civil(days);
        let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        let yday =
            cumulative[(month - 1) as usize] + day - 1 + i64::from(month > 2 && is_leap(year));
        Tm {
            year,
            month,
            day,
            hour: rem / 3600,
            min: rem % 3600 / 60,
            sec: rem % 60,
            wday: (days + 4).rem_euclid(7),
            yday,
            secs,
        }
    }

    /// ISO 8601 week-based year and week number (`%G`, `%V`).
    fn iso_week(&self) -> (i64, i64) {
        let wday_mon = (self.wday + 6) % 7; // 0 = Monday
        let week = (self.yday - wday_mon + 10) / 7;
        if week < 1 {
            let py = self.year - 1;
            let pdays = if is_leap(py) { 366 } else { 365 };
            let p = Tm {
                year: py,
                yday: self.yday + pdays,
                ..*self
            };
            return (py, (p.yday - wday_mon + 10) / 7);
        }
        let days_in_year = if is_leap(self.year) { 366 } else { 365 };
        if week == 53 && self.yday - wday_mon + 3 >= days_in_year {
            return (self.year + 1, 1);
        }
        (self.year, week)
    }
}

/// Formats `secs` (UTC) with `fmt` as glibc's `strftime` does. bash's buffer holds 127 bytes:
/// a longer result comes out empty, as there.
pub(crate) fn strftime(fmt: &[u8], secs: i64) -> Vec<u8> {
    let tm = Tm::utc(secs);
    let mut out = Vec::new();
    format_into(&mut out, fmt, &tm);
    if out.len() >= 128 {
        out.clear();
    }
    out
}

fn format_into(out: &mut Vec<u8>, fmt: &[u8], tm: &Tm) {
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] != b'%' {
            out.push(fmt[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let mut pad: Option<u8> = None;
        let (mut upper, mut swap) = (false, false);
        while let Some(&c) = fmt.get(i) {
            match c {
                b'_' | b'-' | b'0' => pad = Some(c),
                b'^' => upper = true,
                b'#' => swap = true,
                _ => break,
            }
            i += 1;
        }
        let mut width = None;
        while let Some(d) = fmt.get(i).filter(|c| c.is_ascii_digit()) {
            width = Some(width.unwrap_or(0) * 10 + usize::from(d - b'0'));
            i += 1;
        }
        if matches!(fmt.get(i), Some(b'E' | b'O')) {
            i += 1;
        }
        let Some(&conv) = fmt.get(i) else {
            out.extend_from_slice(&fmt[start..]);
            return;
        };
        i += 1;
        let num = |v: i64, w: usize| Field::Num(v, w);
        let text = |s: String| Field::Text(s);
        let field = match conv {
            b'a' => text(DAYS[tm.wday as usize][..3].to_string()),
            b'A' => text(DAYS[tm.wday as usize].to_string()),
            b'b' | b'h' => text(MONTHS[(tm.month - 1) as usize][..3].to_string()),
            b'B' => text(MONTHS[(tm.month - 1) as usize].to_string()),
            b'c' => text(sub(b"%a %b %e %H:%M:%S %Y", tm)),
            b'C' => num(tm.year.div_euclid(100), 2),
            b'd' => num(tm.day, 2),
            b'D' | b'x' => text(sub(b"%m/%d/%y", tm)),
            b'e' => Field::Spaced(tm.day, 2),
            b'F' => text(sub(b"%Y-%m-%d", tm)),
            b'g' => num(tm.iso_week().0.rem_euclid(100), 2),
            b'G' => num(tm.iso_week().0, 1),
            b'H' => num(tm.hour, 2),
            b'I' => num((tm.hour + 11) % 12 + 1, 2),
            b'j' => num(tm.yday + 1, 3),
            b'k' => Field::Spaced(tm.hour, 2),
            b'l' => Field::Spaced((tm.hour + 11) % 12 + 1, 2),
            b'm' => num(tm.month, 2),
            b'M' => num(tm.min, 2),
            b'n' => text("\n".into()),
            b'p' => {
                let s = if tm.hour < 12 { "AM" } else { "PM" };
                text(if swap { s.to_lowercase() } else { s.into() })
            }
            b'P' => text(if tm.hour < 12 { "am" } else { "pm" }.into()),
            b'r' => text(sub(b"%I:%M:%S %p", tm)),
            b'R' => text(sub(b"%H:%M", tm)),
            b's' => num(tm.secs, 1),
            b'S' => num(tm.sec, 2),
            b't' => text("\t".into()),
            b'T' | b'X' => text(sub(b"%H:%M:%S", tm)),
            b'u' => num((tm.wday + 6) % 7 + 1, 1),
            b'U' => num((tm.yday + 7 - tm.wday) / 7, 2),
            b'V' => num(tm.iso_week().1, 2),
            b'w' => num(tm.wday, 1),
            b'W' => num((tm.yday + 7 - (tm.wday + 6) % 7) / 7, 2),
            b'y' => num(tm.year.rem_euclid(100), 2),
            b'Y' => num(tm.year, 1),
            b'z' => text("+0000".into()),
            b'Z' => {
                let s = "UTC";
                text(if swap { s.to_lowercase() } else { s.into() })
            }
            b'%' => text("%".into()),
            _ => {
                out.extend_from_slice(&fmt[start..i]);
                continue;
            }
        };
        let swap_upper = swap && matches!(conv, b'a' | b'A' | b'b' | b'B' | b'h');
        let s = match field {
            Field::Text(s) => {
                let s = if upper || swap_upper {
                    s.to_uppercase()
                } else {
                    s
                };
                let fill = if pad == Some(b'0') { '0' } else { ' ' };
                pad_to(&s, width.unwrap_or(0), fill)
            }
            Field::Num(v, w) | Field::Spaced(v, w) => {
                let spaced = matches!(field, Field::Spaced(..));
                let digits = v.unsigned_abs().to_string();
                let sign = if v < 0 { "-" } else { "" };
                let w = width.unwrap_or(w);
                match pad {
                    Some(b'-') => format!("{sign}{digits}"),
                    Some(b'_') => pad_to(&format!("{sign}{digits}"), w, ' '),
                    Some(b'0') => format!("{sign}{}", pad_to(&digits, w - sign.len().min(w), '0')),
                    _ if spaced => pad_to(&format!("{sign}{digits}"), w, ' '),
                    _ => format!("{sign}{}", pad_to(&digits, w - sign.len().min(w), '0')),
                }
            }
        };
        out.extend_from_slice(s.as_bytes());
    }
}

enum Field {
    Text(String),
    /// A number zero-padded to a width.
    Num(i64, usize),
    /// A number space-padded to a width (`%e`, `%k`, `%l`).
    Spaced(i64, usize),
}

fn sub(fmt: &[u8], tm: &Tm) -> String {
    let mut out = Vec::new();
    format_into(&mut out, fmt, tm);
    String::from_utf8_lossy(&out).into_owned()
}

fn pad_to(s: &str, width: usize, fill: char) -> String {
    let n = s.chars().count();
    if n >= width {
        return s.to_string();
    }
    let mut out: String = std::iter::repeat_n(fill, width - n).collect();
    out.push_str(s);
    out
}

#[cfg(test)]
mod tests {
    use super::strftime;

    fn t(fmt: &str, secs: i64) -> String {
        String::from_utf8(strftime(fmt.as_bytes(), secs)).unwrap()
    }

    #[test]
    fn like_glibc() {
        assert_eq!(t("%Y-%m-%d %H:%M:%S", 1_700_000_000), "2023-11-14 22:13:20");
        assert_eq!(
            t("%a %b %e %j %Z %z %s", 1_700_000_000),
            "Tue Nov 14 318 UTC +0000 1700000000"
        );
        assert_eq!(
            t("%Ey|%Od|%-d|%_m|%05Y|%^a|%#b|%10A|%:z", 1_700_000_000),
            "23|14|14|11|02023|TUE|NOV|   Tuesday|%:z"
        );
        assert_eq!(t("%Y-%m-%d", -86_400), "1969-12-31");
        assert_eq!(t("%G-W%V-%u", 0), "1970-W01-4");
        assert_eq!(t("%G-W%V", 1_104_537_600), "2004-W53"); // 2005-01-01
    }
}
