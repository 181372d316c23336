"""kiosk.payments"""
