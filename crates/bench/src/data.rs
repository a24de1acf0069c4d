//! Seeded, realistic businesses: Vietnamese names with diacritics, valid tax codes, Hải Phòng's
//! communes, several lead agencies and every sharing level.

use serde_json::{Value, json};

/// A small deterministic generator (xorshift64*), so every run loads the same data.
pub struct Seeded(u64);

impl Seeded {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Seeded {
        Seeded(seed.max(1))
    }

    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

const FORMS: [&str; 5] = ["Công ty TNHH", "Công ty Cổ phần", "Hợp tác xã", "Doanh nghiệp tư nhân", "Công ty TNHH MTV"];
const TRADES: [&str; 12] = [
    "Thủy sản",
    "Thực phẩm",
    "Cơ khí",
    "Xây dựng",
    "Dược phẩm",
    "Điện tử",
    "Dệt may",
    "Nông sản",
    "Vật liệu",
    "Thương mại",
    "Vận tải biển",
    "Đóng tàu",
];
const PLACES: [&str; 12] = [
    "Cát Hải",
    "Đồ Sơn",
    "Kiến An",
    "Thủy Nguyên",
    "Hải An",
    "Lê Chân",
    "Ngô Quyền",
    "An Dương",
    "Tiên Lãng",
    "Vĩnh Bảo",
    "Bạch Long Vĩ",
    "Hồng Bàng",
];
const STREETS: [&str; 6] = ["Lạch Tray", "Điện Biên Phủ", "Trần Phú", "Lê Hồng Phong", "Nguyễn Văn Linh", "Hùng Vương"];
const SURNAMES: [&str; 6] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"];
const GIVEN: [&str; 6] = ["Văn Hùng", "Thị Lan", "Đức Anh", "Minh Châu", "Quốc Bảo", "Thu Hằng"];
const SECTORS: [&str; 6] = ["chế biến thủy sản", "sản xuất thực phẩm", "bán buôn", "xây dựng", "dược phẩm", "cơ khí"];

/// `n` valid ten-digit tax codes: nine digits and the tax authority's check digit.
pub fn tax_codes(n: usize) -> Vec<String> {
    const WEIGHTS: [u64; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    (200_000_000u64..)
        .filter_map(|prefix| {
            let digits = prefix.to_string().into_bytes();
            let sum: u64 = digits.iter().zip(WEIGHTS).map(|(d, w)| u64::from(d - b'0') * w).sum();
            let check = 10 - sum % 11;
            (check < 10).then(|| format!("{prefix}{check}"))
        })
        .take(n)
        .collect()
}

/// The `i`th business: led by one of `agencies`, filed under one of `communes`.
pub fn business(rng: &mut Seeded, i: usize, tax_code: &str, agencies: &[String], communes: &[String]) -> Value {
    let place = rng.pick(&PLACES);
    let name = format!("{} {} {} {}", rng.pick(&FORMS), rng.pick(&TRADES), place, i + 1);
    let sharing = match rng.next() % 10 {
        0 => "restricted",
        1..=3 => "public",
        _ => "shared",
    };
    json!({
        "tax_code": tax_code,
        "name": name,
        "address": format!("Số {} đường {}, {}", rng.next() % 400 + 1, rng.pick(&STREETS), place),
        "commune_code": rng.pick(communes),
        "sectors": [rng.pick(&SECTORS)],
        "representative": format!("{} {}", rng.pick(&SURNAMES), rng.pick(&GIVEN)),
        "phone": format!("0225{:07}", rng.next() % 10_000_000),
        "email": format!("lienhe{}@example.vn", i + 1),
        "sharing": sharing,
        "lead_agency": rng.pick(agencies),
    })
}
