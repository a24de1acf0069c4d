//! The product's public page: server-rendered HTML, Vietnamese first (English on request), one
//! small stylesheet inline, no script — readable on a phone's small screen and fast on a slow line.

use maud::{DOCTYPE, Markup, html};
use tdc_conformity::model::{Declaration, DeclarationKind, DeclarationStatus};

use crate::model::{Holder, LocationKind};
use crate::store::page::{Alert, ProductPage};

/// The page's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Vietnamese, the default.
    Vi,
    /// English.
    En,
}

impl Lang {
    /// English when `lang=en` is asked, or the browser prefers English; Vietnamese otherwise.
    pub fn choose(asked: Option<&str>, accept_language: Option<&str>) -> Lang {
        match asked {
            Some(l) if l.starts_with("en") => Lang::En,
            Some(_) => Lang::Vi,
            None if accept_language.is_some_and(|a| a.trim_start().starts_with("en")) => Lang::En,
            None => Lang::Vi,
        }
    }

    fn t(self, vi: &'static str, en: &'static str) -> &'static str {
        if self == Lang::Vi { vi } else { en }
    }

    fn code(self) -> &'static str {
        self.t("vi", "en")
    }
}

const STYLE: &str = "body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9}\
main{max-width:40rem;margin:0 auto;padding:1rem}header{background:#0b5394;color:#fff;padding:1rem}\
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.25rem 0 .5rem}\
.banner{background:#b00020;color:#fff;padding:1rem;font-weight:600}\
section{background:#fff;border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0;box-shadow:0 1px 2px #0002}\
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;margin:0}dt{color:#555}dd{margin:0}\
ol{padding-left:1.25rem;margin:0}li{margin:.4rem 0}small{color:#555}footer{padding:1rem;font-size:.9rem}";

/// An instant as its day in Vietnam, `dd/mm/yyyy`.
fn day(at: chrono::DateTime<chrono::Utc>) -> String {
    tdc_kernel::calendar::day_of(at).format("%d/%m/%Y").to_string()
}

/// A UN/ECE Rec. 20 unit as people write it (the code itself when it is not a common one).
fn unit(code: Option<&str>, lang: Lang) -> String {
    match code {
        Some("KGM") => "kg".into(),
        Some("GRM") => "g".into(),
        Some("TNE") => lang.t("tấn", "t").into(),
        Some("LTR") => lang.t("lít", "l").into(),
        Some("MTR") => "m".into(),
        Some(other) => other.to_owned(),
        None => lang.t("đơn vị", "units").into(),
    }
}

fn kind_name(kind: LocationKind, lang: Lang) -> &'static str {
    match kind {
        LocationKind::Farm => lang.t("Vùng sản xuất", "Farm"),
        LocationKind::Plant => lang.t("Cơ sở chế biến", "Processing plant"),
        LocationKind::Warehouse => lang.t("Kho", "Warehouse"),
        LocationKind::Shop => lang.t("Cửa hàng", "Shop"),
        LocationKind::Market => lang.t("Chợ", "Market"),
        LocationKind::Port => lang.t("Cảng, cửa khẩu", "Port"),
        LocationKind::Office => lang.t("Văn phòng", "Office"),
        LocationKind::Other => lang.t("Địa điểm", "Place"),
    }
}

fn alert(a: &Alert, lang: Lang) -> String {
    match a {
        Alert::Recalled(day) => format!(
            "{} {}",
            lang.t("CẢNH BÁO: lô hàng này đã bị thu hồi từ ngày", "WARNING: this lot was recalled on"),
            day.format("%d/%m/%Y")
        ),
        Alert::Expired(day) => format!(
            "{} {}",
            lang.t("CẢNH BÁO: lô hàng này đã hết hạn sử dụng ngày", "WARNING: this lot expired on"),
            day.format("%d/%m/%Y")
        ),
        Alert::Warning(notice) => format!(
            "{} {} ({} {})",
            lang.t("CẢNH BÁO của cơ quan quản lý:", "WARNING from the authorities:"),
            notice.title,
            lang.t("từ ngày", "since"),
            notice.since.format("%d/%m/%Y")
        ),
    }
}

fn stop(h: &Holder, lang: Lang) -> Markup {
    let name = h
        .registered
        .as_ref()
        .map(|l| l.name.clone())
        .unwrap_or_else(|| lang.t("Địa điểm chưa đăng ký", "Unregistered place").to_owned());
    let kind = h.registered.as_ref().map(|l| kind_name(l.kind, lang)).unwrap_or(lang.t("Địa điểm", "Place"));
    html! {
        li {
            strong { (name) } " · " (kind)
            @if let Some(business) = &h.business_name { br; small { (business) } }
            br;
            small {
                @if h.destination_only { (lang.t("Đã gửi đến ngày ", "Sent on ")) (day(h.first_seen)) }
                @else { (day(h.first_seen)) @if day(h.last_seen) != day(h.first_seen) { " – " (day(h.last_seen)) } }
            }
        }
    }
}

fn declaration(d: &Declaration, lang: Lang) -> Markup {
    let kind = match d.kind {
        DeclarationKind::Regulation => lang.t("Công bố hợp quy", "Declared conforming to regulation"),
        DeclarationKind::Standard => lang.t("Công bố hợp chuẩn", "Declared conforming to standard"),
    };
    let basis = d.regulation_code.clone().or_else(|| d.standard.clone()).unwrap_or_default();
    let status = match d.status {
        DeclarationStatus::Received => lang.t("còn hiệu lực", "in force"),
        DeclarationStatus::Withdrawn => lang.t("đã rút", "withdrawn"),
        DeclarationStatus::Invalidated => lang.t("đã hủy", "invalidated"),
    };
    html! {
        li {
            strong { (kind) " " (basis) } " — " (status)
            br; small { (lang.t("Số tiếp nhận ", "Receipt ")) (d.receipt_number) ", " (d.received_on.format("%d/%m/%Y")) }
            @if let Some(e) = &d.evidence { br; small { (lang.t("Chứng nhận / kết quả thử nghiệm số ", "Certificate / test report ")) (e.number) } }
        }
    }
}

/// A page's `<head>`: its title, sized for a phone, the one style sheet inline.
fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) }
            style { (maud::PreEscaped(STYLE)) }
        }
    }
}

/// The page as HTML.
pub fn render(p: &ProductPage, lang: Lang) -> String {
    let title = p.product.as_ref().map(|x| x.name.clone()).unwrap_or_else(|| format!("GTIN {}", p.keys.gtin));
    let other = if lang == Lang::Vi { ("?lang=en", "English") } else { ("?lang=vi", "Tiếng Việt") };
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            (head(&format!("{title} — {}", lang.t("Truy xuất nguồn gốc", "Traceability"))))
            body {
                @for a in &p.alerts { div.banner id="warning" role="alert" { (alert(a, lang)) } }
                header {
                    h1 { (title) }
                    div { "GTIN " (p.keys.gtin)
                        @if let Some(lot) = &p.keys.lot { " · " (lang.t("Lô ", "Lot ")) (lot) }
                        @if let Some(serial) = &p.keys.serial { " · " (lang.t("Số sê-ri ", "Serial ")) (serial) } }
                }
                main {
                    section id="product" {
                        h2 { (lang.t("Sản phẩm", "Product")) }
                        @if let Some(product) = &p.product {
                            dl {
                                @if let Some(brand) = &product.brand { dt { (lang.t("Nhãn hiệu", "Brand")) } dd { (brand) } }
                                @if let Some(maker) = &p.maker { dt { (lang.t("Nhà sản xuất", "Maker")) } dd { (maker) } }
                                @if let Some(country) = &product.origin_country { dt { (lang.t("Xuất xứ", "Origin")) } dd { (country) } }
                            }
                        } @else { p { (lang.t("Sản phẩm chưa được đăng ký công khai trên hệ thống.", "The product is not publicly recorded.")) } }
                    }
                    @if let Some(lot) = &p.lot {
                        section id="lot" {
                            h2 { (lang.t("Lô hàng", "Lot")) " " (lot.lot) }
                            dl {
                                @if let Some(at) = lot.produced_at { dt { (lang.t("Ngày sản xuất", "Made on")) } dd { (day(at)) } }
                                @if let Some(q) = lot.quantity { dt { (lang.t("Số lượng", "Quantity")) } dd { (q) " " (unit(lot.uom.as_deref(), lang)) } }
                                @if let Some(d) = lot.expiry_date { dt { (lang.t("Hạn sử dụng", "Expires")) } dd { (d.format("%d/%m/%Y")) } }
                                @if let Some(d) = lot.best_before_date { dt { (lang.t("Sử dụng tốt nhất trước", "Best before")) } dd { (d.format("%d/%m/%Y")) } }
                            }
                        }
                    }
                    @if !p.journey.is_empty() {
                        section id="journey" { h2 { (lang.t("Hành trình", "Journey")) } ol { @for h in &p.journey { (stop(h, lang)) } } }
                    }
                    section id="conformity" {
                        h2 { (lang.t("Chứng nhận và công bố", "Certificates and declarations")) }
                        @if p.declarations.is_empty() { p { (lang.t("Chưa có công bố công khai.", "No public declaration.")) } }
                        @else { ol { @for d in &p.declarations { (declaration(d, lang)) } } }
                    }
                }
                footer {
                    a href=(other.0) { (other.1) } " · "
                    a href="?linkType=all" { "Linkset" } " · "
                    (lang.t("Sở Khoa học và Công nghệ — hệ thống dữ liệu TĐC", "Department of Science and Technology — TĐC data hub"))
                }
            }
        }
    };
    markup.into_string()
}

/// The page for a code the hub knows nothing public of (answered with 404).
pub fn not_found(keys: &crate::resolver::Keys, lang: Lang) -> String {
    let title = lang.t("Không tìm thấy sản phẩm", "Product not found");
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            (head(title))
            body {
                header { h1 { (title) } }
                main { p { (lang.t("Hệ thống chưa có thông tin công khai về mã ", "The hub holds nothing public about ")) (keys.gtin) "." } }
            }
        }
    };
    markup.into_string()
}
