package io.tiexin.people;

/** What a person does in the programme; a person may hold several roles. */
public enum Role {

	/** A resident or household representative who raises petitions. */
	CITIZEN,
	/** 网格员: works the cases of their duty grid cells. */
	GRID_MEMBER,
	/** 贴心人: a cadre sent back to their home village, kept in the loop on its cases. */
	LIAISON,
	/** 村干部: handles what the village's grid members cannot. */
	VILLAGE_CADRE,
	/** 乡镇干部: dispatches, supervises and closes cases of a township. */
	TOWNSHIP_OFFICER,
	/** County administrator: everything, everywhere in the county. */
	COUNTY_ADMIN,
	/** Reads aggregates only, never personal data. */
	PLANNER,
	/**
	 * 职能部门工作人员: staff of a county department, answering the whistle (吹哨报到) for their
	 * department; they see only the cases their department is summoned to.
	 */
	DEPARTMENT_STAFF

}
