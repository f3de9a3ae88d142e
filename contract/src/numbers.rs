//! Counts as people in each language read them.

use crate::Lang;

/// 195600 → "195,600".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A headline figure: Chinese readers count large numbers in 万 (ten thousands), so
/// 195,600 reads "19.6万"; English keeps "195,600".
pub fn headline(lang: Lang, n: u64) -> String {
    match lang {
        Lang::Zh if n >= 10_000 => {
            let tenths = (n + 500) / 1_000;
            match tenths % 10 {
                0 => format!("{}万", tenths / 10),
                rest => format!("{}.{rest}万", tenths / 10),
            }
        }
        _ => grouped(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(195_600), "195,600");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn chinese_headlines_count_in_wan() {
        assert_eq!(headline(Lang::Zh, 195_600), "19.6万");
        assert_eq!(headline(Lang::Zh, 200_000), "20万");
        assert_eq!(headline(Lang::Zh, 199_960), "20万");
        assert_eq!(headline(Lang::Zh, 9_999), "9,999");
        assert_eq!(headline(Lang::En, 195_600), "195,600");
    }
}
