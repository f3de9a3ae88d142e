//! A story's photo as the server keeps it: decoded from what staff uploaded (JPEG, PNG
//! or WebP), turned upright, scaled to at most `PHOTO_MAX_SIDE` pixels a side and
//! encoded afresh as JPEG. Nothing of the upload survives but its pixels: no EXIF, no
//! location, no hidden payload.

use crate::storage::EncodedPhoto;
use huli_contract::Problem;
use huli_contract::stories::PHOTO_MAX_SIDE;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};
use std::io::Cursor;

/// A phone's 50-megapixel photo decodes within this; a decompression bomb does not.
const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;
const MAX_INPUT_SIDE: u32 = 12_000;
const JPEG_QUALITY: u8 = 82;

/// Re-encodes an upload; CPU-bound, so callers run it off the async threads.
pub fn reencode(upload: &[u8]) -> Result<EncodedPhoto, Problem> {
    let format = image::guess_format(upload).map_err(|_| Problem::NotAPhoto)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(Problem::NotAPhoto);
    }
    let mut reader = ImageReader::with_format(Cursor::new(upload), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    limits.max_image_width = Some(MAX_INPUT_SIDE);
    limits.max_image_height = Some(MAX_INPUT_SIDE);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Problem::NotAPhoto)?;
    let orientation = decoder.orientation().map_err(|_| Problem::NotAPhoto)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| Problem::NotAPhoto)?;
    picture.apply_orientation(orientation);
    if picture.width() > PHOTO_MAX_SIDE || picture.height() > PHOTO_MAX_SIDE {
        picture = picture.resize(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, FilterType::Lanczos3);
    }
    let picture = DynamicImage::ImageRgb8(picture.into_rgb8());
    let mut jpeg = Vec::new();
    let encoder = JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY);
    picture
        .write_with_encoder(encoder)
        .map_err(|_| Problem::NotAPhoto)?;
    let id = Sha256::digest(&jpeg)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    Ok(EncodedPhoto {
        id,
        jpeg,
        width: picture.width(),
        height: picture.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, RgbImage};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = RgbImage::from_pixel(width, height, Rgb([200, 30, 30]));
        let mut png = Vec::new();
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(&picture, width, height, image::ExtendedColorType::Rgb8)
            .unwrap();
        png
    }

    #[test]
    fn a_large_picture_becomes_a_jpeg_of_at_most_1200_pixels_a_side() {
        let photo = reencode(&png(2400, 1600)).unwrap();
        assert_eq!((photo.width, photo.height), (1200, 800));
        assert_eq!(&photo.jpeg[..3], &[0xFF, 0xD8, 0xFF], "a JPEG");
        assert_eq!(photo.id.len(), 64);
        let small = reencode(&png(300, 200)).unwrap();
        assert_eq!((small.width, small.height), (300, 200));
    }

    #[test]
    fn what_is_not_a_photo_is_refused() {
        assert_eq!(reencode(b"GIF89a....").err(), Some(Problem::NotAPhoto));
        assert_eq!(reencode(b"hello").err(), Some(Problem::NotAPhoto));
        let mut cut = png(50, 50);
        cut.truncate(40);
        assert_eq!(reencode(&cut).err(), Some(Problem::NotAPhoto));
    }
}
