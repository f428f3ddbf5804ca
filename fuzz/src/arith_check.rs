//! The `arith` property. Like `checks.rs`, compiled into the corpus replay test too.

use crate::checks::Finding;

/// The `arith` property: `arith::parse` never panics (a panic propagates); when the text
/// parses, printing the expression gives text that parses to an equal expression.
///
/// `ArithExpr`'s `==` already ignores positions (`ErrorPos` compares equal). `arith::print`
/// returns a `String` and documents that subscript bytes which are not UTF-8 become U+FFFD, so
/// the round trip is only checked for UTF-8 input.
pub fn check_arith(data: &[u8]) -> Result<(), Finding> {
    let expr = match vbash_syntax::arith::parse(data) {
        Ok(e) => e,
        Err(err) => {
            // Exercise the error's formatting paths.
            let _ = err.to_string();
            let _ = err.expression(data);
            return Ok(());
        }
    };
    let printed = vbash_syntax::arith::print(&expr);
    if std::str::from_utf8(data).is_err() {
        return Ok(());
    }
    let reparsed = vbash_syntax::arith::parse(printed.as_bytes()).map_err(|e| Finding {
        message: format!(
            "arith round trip: the printed text does not parse: {e}\n\
             --- input ---\n{}\n--- printed ---\n{}",
            data.escape_ascii(),
            printed.escape_debug()
        ),
    })?;
    if expr != reparsed {
        return Err(Finding {
            message: format!(
                "arith round trip: the re-parsed expression differs\n\
                 --- input ---\n{}\n--- printed ---\n{}\n--- original ---\n{expr:?}\n\
                 --- re-parsed ---\n{reparsed:?}",
                data.escape_ascii(),
                printed.escape_debug(),
            ),
        });
    }
    Ok(())
}
