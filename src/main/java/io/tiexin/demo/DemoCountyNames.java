package io.tiexin.demo;

import java.util.List;

/**
 * Names, codes and sizes of the demo county 上栗县 (Shangli County, Pingxiang, Jiangxi) that
 * {@link DemoCountyGenerator} lays out.
 *
 * <p>
 * Real: the county, its code and area, the ten township names, the township codes and
 * areas where known, and the village and community names in
 * {@link Township#communities()} and {@link Township#villages()}. Guessed, to be replaced
 * by survey data: the codes of 福田镇, 赤山镇, 长平乡 and 东源乡, the areas of 福田镇, 赤山镇, 长平乡, 东源乡 and
 * 杨岐乡, the township of 高山村, the number of villages in each township, the seat positions,
 * the four communities named after their township seat (金山街社区, 福田街社区, 彭高街社区, 赤山街社区) and
 * every name in {@link #SYNTHETIC_VILLAGE_NAMES}.
 */
final class DemoCountyNames {

	static final String COUNTY_CODE = "360322";
	static final String COUNTY_NAME = "上栗县";
	static final double COUNTY_AREA_KM2 = 721;
	static final double CENTRE_LON = 113.80;
	static final double CENTRE_LAT = 27.88;

	/**
	 * How urban a township seat is: the county seat is a small town, a 镇 a market town, a
	 * 乡 a village centre.
	 */
	enum Seat {

		COUNTY_SEAT, TOWN, RURAL

	}

	/**
	 * One township (乡镇) and what lies in it.
	 *
	 * @param seatEastKm seat position east of the county centre (synthetic)
	 * @param seatNorthKm seat position north of the county centre (synthetic)
	 * @param communities residential communities (社区), coded 001, 002, ... in this order
	 * @param villages the known village committees (村), coded 200, 201, ... in this order
	 * @param villageCount how many village committees the township has; synthetic names
	 * fill the rest
	 */
	record Township(String code, String name, double areaKm2, Seat seat, double seatEastKm, double seatNorthKm,
			List<String> communities, List<String> villages, int villageCount) {
	}

	static final List<Township> TOWNSHIPS = List.of(
			new Township("360322101", "上栗镇", 99, Seat.COUNTY_SEAT, 0.5, -1.5, List.of("滨河社区", "西盛社区", "南北社区", "平安社区"),
					List.of("石洋村", "渌塘村", "佛岭村", "龙合村", "新群村", "胜利村", "胡家洲村", "新民村", "四海村", "夭埠村", "永红村", "榉溪村", "万石村",
							"斑竹村", "达塘村", "水源村", "新建村", "泉塘村", "杨岐村", "关上村", "关下村", "新坝村", "南源村", "保护村", "金鸡村", "卯田村",
							"黄冲村", "水井村", "大坪村", "高山村"),
					30),
			new Township("360322102", "桐木镇", 110, Seat.TOWN, -0.5, 12.5, List.of("桐木街社区"),
					List.of("莲台村", "桐木村", "周田村", "雅溪村", "杨坊村", "黄图村", "枣木村", "荆坪村", "崇德村", "蕉源村", "枧冲村", "楚山村", "湖塘村",
							"丹桂村", "小埠村", "城冲村", "洪东村"),
					23),
			new Township("360322103", "金山镇", 97, Seat.TOWN, -7.5, -0.5, List.of("宝华工业社区", "金山街社区"), List.of(), 21),
			new Township("360322104", "福田镇", 90, Seat.TOWN, 7.5, 0.5, List.of("福田街社区"), List.of(), 19),
			new Township("360322105", "彭高镇", 28, Seat.TOWN, -5.5, -9.0, List.of("彭高街社区"), List.of(), 6),
			new Township("360322106", "赤山镇", 75, Seat.TOWN, -2.0, -13.5, List.of("赤山街社区"), List.of(), 16),
			new Township("360322200", "鸡冠山乡", 58, Seat.RURAL, -6.5, 6.5, List.of(), List.of(), 12),
			new Township("360322201", "长平乡", 60, Seat.RURAL, 6.5, -7.5, List.of(), List.of(), 13),
			new Township("360322202", "东源乡", 55, Seat.RURAL, 4.0, -14.0, List.of(), List.of("东源村", "桥头村"), 12),
			new Township("360322203", "杨岐乡", 49, Seat.RURAL, 5.0, 7.0, List.of(), List.of(), 11));

	/**
	 * The one township whose number of grid cells (village groups) is fixed rather than
	 * drawn.
	 */
	static final String COUNTY_SEAT_TOWNSHIP = "360322101";
	static final int COUNTY_SEAT_TOWNSHIP_CELLS = 486;

	/** The three villages that meet at one point, the 泉之源 scenic area; all in 上栗镇. */
	static final List<String> QUANZHIYUAN_VILLAGES = List.of("水源村", "达塘村", "泉塘村");

	/** Roughly where 泉之源 lies, east and north of the 上栗镇 seat, in km (synthetic). */
	static final double QUANZHIYUAN_EAST_KM = 3.5;
	static final double QUANZHIYUAN_NORTH_KM = 1.5;

	/**
	 * 高山村 ("high mountain village") has at least twelve groups: the news report names its
	 * 第十二小组.
	 */
	static final String GAOSHAN_VILLAGE = "高山村";
	static final int GAOSHAN_MIN_GROUPS = 12;

	/**
	 * Two-character village names typical of western Jiangxi, used in this order for
	 * villages whose real name is not listed. None repeats a real name above or a county
	 * or township name.
	 */
	static final List<String> SYNTHETIC_VILLAGE_NAMES = List.of("石岭", "樟木", "塘边", "枫林", "长冲", "源头", "竹山", "杉田", "茶园",
			"桃源", "柏树", "梅田", "松岭", "荷塘", "柳溪", "凤凰", "虎形", "马岭", "牛头", "鹤田", "白竹", "青山", "红星", "金坑", "银坑", "大塘", "小坪",
			"上坊", "下坊", "东冲", "西岭", "南坑", "北岭", "新田", "老屋", "高坪", "横江", "坪上", "岭下", "田心", "湾里", "桥边", "溪口", "洲上", "陂头",
			"垅口", "塅里", "山口", "江口", "铺前", "兴隆", "和平", "安乐", "丰收", "联合", "团结", "光明", "前进", "五里", "七星", "三星", "双溪", "古塘",
			"官田", "罗家", "刘家", "彭家", "钟家", "谢家", "严家", "曾家", "易家", "黎家", "晏家", "邓家", "肖家", "戴家", "袁家", "汤家", "文家", "何家",
			"廖家", "甘家", "漆家", "欧家", "周坊", "李坊", "陈坊", "赵坊", "花园", "杨梅", "桂花", "石桥", "板桥", "木桥", "龙潭", "燕子", "黄茅", "白沙",
			"青草", "荆竹", "茅坪", "杉木", "松山", "柑子", "桐梓", "栗山", "楠木", "槐树", "竹林", "枫树", "桃花", "梨树", "杏花", "花桥", "长岭", "长塘",
			"长田", "大岭", "大田", "大冲", "大源", "小溪", "小冲", "上塘", "下塘", "中塘", "东山", "西山", "南山", "北山", "新塘", "新屋", "新庄", "横岭",
			"横冲", "石门", "石井", "石鼓", "金星");

	private DemoCountyNames() {
	}

}
