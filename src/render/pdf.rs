//! PDF output: the SVG pictures harkje lays out, one per page, converted by
//! svg2pdf through usvg (the same family as resvg). Pure Rust: no Graphviz,
//! no browser. The text stays text, embedded from the system's fonts.

use std::collections::HashMap;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};

use super::RenderError;

/// Points per SVG pixel (96 px to the inch, 72 pt).
const PT_PER_PX: f32 = 72.0 / 96.0;

/// One PDF with a page per SVG picture, each page the size of its picture
/// (an A4 or A3 page when drawn with [`RenderOptions::page`](super::RenderOptions::page)).
pub(super) fn pages(svgs: &[&str], title: &str) -> Result<Vec<u8>, RenderError> {
    let fail = |reason: String| RenderError::Pdf { reason };
    let mut options = usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    if options.fontdb.is_empty() {
        return Err(fail("no fonts found on this system to embed the text (install one, such as DejaVu Sans)".into()));
    }
    options.fontdb_mut().set_sans_serif_family("DejaVu Sans");

    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_ref = alloc.bump();
    let info = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_refs = Vec::with_capacity(svgs.len());
    for (k, svg) in svgs.iter().enumerate() {
        let tree = usvg::Tree::from_str(svg, &options).map_err(|e| fail(format!("page {}: {e}", k + 1)))?;
        let (chunk, root) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| fail(format!("page {}: {e}", k + 1)))?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let root = map.get(&root).copied().ok_or_else(|| fail(format!("page {}: the picture is empty", k + 1)))?;
        let (w, h) = (tree.size().width() * PT_PER_PX, tree.size().height() * PT_PER_PX);
        let page = alloc.bump();
        let content = alloc.bump();
        let name = Name(b"P");
        let mut p = pdf.page(page);
        p.media_box(Rect::new(0.0, 0.0, w, h));
        p.parent(tree_ref);
        p.contents(content);
        p.resources().x_objects().pair(name, root);
        p.finish();
        let mut c = Content::new();
        c.transform([w, 0.0, 0.0, h, 0.0, 0.0]).x_object(name);
        pdf.stream(content, &c.finish());
        pdf.extend(&chunk);
        page_refs.push(page);
    }
    pdf.catalog(catalog).pages(tree_ref);
    let count = i32::try_from(page_refs.len()).map_err(|_| fail("too many pages".into()))?;
    pdf.pages(tree_ref).kids(page_refs).count(count);
    pdf.document_info(info).title(TextStr(title)).producer(TextStr("harkje"));
    Ok(pdf.finish())
}
