//! QR codes the API hands out as SVG documents: the display's check-in address, the
//! second factor's enrolment.

use crate::error::AppError;
use qrcode::QrCode;
use qrcode::render::svg;

/// The QR code of `text` as an SVG document, black on white with its quiet zone.
pub fn svg(text: &str) -> Result<String, AppError> {
    let code = QrCode::new(text.as_bytes()).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(code
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build())
}
