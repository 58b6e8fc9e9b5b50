package io.tiexin.liaison.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;
import org.springframework.web.util.HtmlUtils;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The printable liaison board at the village committee's door (Chinese, A4), its QR code
 * (ZXing) that opens the page, and the placeholder photo for liaisons without one.
 * Public, like {@code liaisonBoard}.
 */
@Controller
class BoardPageController {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

	private static final int QR_PIXELS = 360;

	private final LiaisonBoardService service;

	private final AreaCatalog areas;

	private final BoardUrls urls;

	BoardPageController(LiaisonBoardService service, AreaCatalog areas, BoardUrls urls) {
		this.service = service;
		this.areas = areas;
		this.urls = urls;
	}

	@GetMapping(path = "/boards/{villageCode}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> page(@PathVariable String villageCode) {
		Board board;
		try {
			board = this.service.board(villageCode);
		}
		catch (TiexinException notFound) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
				.body(notFoundPage(villageCode));
		}
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.body(boardPage(board));
	}

	@GetMapping(path = "/boards/{villageCode}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<byte[]> qrCode(@PathVariable String villageCode) {
		try {
			this.service.village(villageCode);
		}
		catch (TiexinException notFound) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.cacheControl(CacheControl.noCache())
			.body(qrPng(this.urls.boardUrl(villageCode)));
	}

	@GetMapping(path = "/boards/placeholder.svg", produces = "image/svg+xml")
	ResponseEntity<String> placeholderPhoto() {
		return ResponseEntity.ok()
			.contentType(MediaType.valueOf("image/svg+xml"))
			.cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)))
			.body("""
					<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 160" width="120" height="160">
					  <rect width="120" height="160" fill="#e8eef5"/>
					  <circle cx="60" cy="58" r="30" fill="#9fb3c8"/>
					  <path d="M12 160 C16 112 104 112 108 160 Z" fill="#9fb3c8"/>
					</svg>
					""");
	}

	static byte[] qrPng(String text) {
		try {
			BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, QR_PIXELS, QR_PIXELS,
					Map.of(EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 2,
							EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			MatrixToImageWriter.writeToStream(matrix, "PNG", png);
			return png.toByteArray();
		}
		catch (WriterException ex) {
			throw new IllegalStateException("QR code for " + text, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String boardPage(Board board) {
		Area village = board.area();
		String place = this.areas.ancestors(village).stream().map(Area::name).collect(Collectors.joining())
				+ village.name();
		String url = this.urls.boardUrl(village.code());
		StringBuilder cards = new StringBuilder();
		for (BoardEntry entry : board.liaisons()) {
			String photo = (entry.photoUrl() != null) ? entry.photoUrl() : "/boards/placeholder.svg";
			cards.append("""
					<article class="liaison">
					  <img class="photo" src="%s" alt="%s的照片">
					  <div class="details">
					    <h2 class="name">%s</h2>
					    <p class="position">%s</p>
					    <p class="phone">☎ <a href="tel:%s">%s</a></p>
					    <p class="commitment"><b>承诺</b>%s</p>
					    <p class="duties"><b>职责</b>%s</p>
					  </div>
					</article>
					""".formatted(esc(photo), esc(entry.person().name()), esc(entry.person().name()),
					esc(orDash(entry.position())), esc(entry.person().phone()), esc(entry.person().phone()),
					esc(orDash(entry.commitment())), esc(orDash(entry.duties()))));
		}
		if (board.liaisons().isEmpty()) {
			cards.append("<p class=\"empty\">本村暂无公示的群众贴心人。</p>");
		}
		String updated = (board.updatedAt() != null)
				? "更新于 " + DAY.format(board.updatedAt().atZoneSameInstant(ServiceTime.ZONE)) : "";
		return """
				<!DOCTYPE html>
				<html lang="zh-CN">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%1$s 群众贴心人公示牌</title>
				<style>
				  @page { size: A4 portrait; margin: 12mm; }
				  * { box-sizing: border-box; }
				  body { margin: 0 auto; max-width: 210mm; padding: 10mm; color: #1b1b1b; background: #fff;
				         font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC",
				                      "Microsoft YaHei", sans-serif; }
				  header { text-align: center; border-bottom: 3px solid #b71c1c; padding-bottom: 4mm; margin-bottom: 6mm; }
				  header .place { font-size: 14pt; margin: 0; color: #444; }
				  header h1 { font-size: 26pt; margin: 2mm 0; color: #b71c1c; letter-spacing: 2pt; }
				  header .motto { font-size: 14pt; margin: 0; letter-spacing: 4pt; }
				  main { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
				  .liaison { display: flex; gap: 4mm; border: 1px solid #c9c9c9; border-radius: 2mm; padding: 4mm;
				             break-inside: avoid; page-break-inside: avoid; }
				  .photo { width: 28mm; height: 37mm; object-fit: cover; flex: none; border: 1px solid #ddd; }
				  .details { min-width: 0; }
				  .name { font-size: 18pt; margin: 0 0 1mm; }
				  .position { margin: 0 0 1mm; color: #555; font-size: 10pt; }
				  .phone { margin: 0 0 2mm; font-size: 15pt; font-weight: bold; }
				  .phone a { color: inherit; text-decoration: none; }
				  .commitment, .duties { margin: 0 0 1.5mm; font-size: 10.5pt; line-height: 1.45; }
				  .commitment b, .duties b { display: inline-block; margin-right: 2mm; color: #b71c1c; }
				  .empty { grid-column: 1 / -1; text-align: center; color: #666; }
				  footer { display: flex; align-items: center; gap: 6mm; margin-top: 8mm; padding-top: 4mm;
				           border-top: 1px solid #c9c9c9; break-inside: avoid; page-break-inside: avoid; }
				  footer img { width: 32mm; height: 32mm; flex: none; }
				  footer p { margin: 0 0 1.5mm; font-size: 11pt; }
				  footer .url { font-size: 9pt; color: #555; word-break: break-all; }
				  @media print { body { padding: 0; } a { color: inherit; } }
				</style>
				</head>
				<body>
				<header>
				  <p class="place">%1$s</p>
				  <h1>群众贴心人公示牌</h1>
				  <p class="motto">亮身份 · 亮承诺 · 亮职责</p>
				</header>
				<main>
				%2$s</main>
				<footer>
				  <img class="qr" src="/boards/%3$s/qr.png" alt="打开本公示牌的二维码">
				  <div>
				    <p><b>有诉求、有意见,请直接拨打贴心人电话。</b></p>
				    <p>小事不出村,大事不出镇。扫码查看最新公示。</p>
				    <p class="url">%4$s</p>
				    <p class="url">%5$s</p>
				  </div>
				</footer>
				</body>
				</html>
				"""
			.formatted(esc(place), cards, esc(village.code()), esc(url), esc(updated));
	}

	private static String notFoundPage(String code) {
		return """
				<!DOCTYPE html>
				<html lang="zh-CN">
				<head><meta charset="utf-8"><title>找不到该村 (village not found)</title>
				<style>body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 20mm; }</style>
				</head>
				<body>
				<h1>找不到该村(社区)的公示牌</h1>
				<p>编码“%1$s”不是本县的村(社区)编码。请核对二维码或链接。</p>
				<p lang="en">No liaison board here: “%1$s” is not the code of a village of this county.
				Check the QR code or the link.</p>
				</body>
				</html>
				"""
			.formatted(esc(code));
	}

	private static String orDash(String text) {
		return (text != null) ? text : "—";
	}

	private static String esc(String text) {
		return (text != null) ? HtmlUtils.htmlEscape(text, "UTF-8") : "";
	}

}
